"""The portal-wide OpenAPI 3.1 description (served at /api/v1/openapi.json).

Each app describes its own endpoints; this module only puts the pieces together.
"""

from ikz.assistant.openapi import ASSISTANT_PATHS, ASSISTANT_SCHEMAS
from ikz.search.openapi import SEARCH_PATHS, SEARCH_SCHEMAS

NULLABLE_STRING = {"type": ["string", "null"]}

PROJECT_SCHEMAS = {
    "Licence": {
        "type": "object",
        "required": ["name", "id", "url"],
        "properties": {"name": {"type": "string"}, "id": {"type": "string"}, "url": {"type": "string"}},
    },
    "Participant": {
        "type": "object",
        "required": ["ags", "name", "role"],
        "properties": {
            "ags": {
                **NULLABLE_STRING,
                "description": "Amtlicher Gemeindeschlüssel (8 Ziffern) oder Kreisschlüssel (5)",
            },
            "name": {"type": "string"},
            "role": {"type": "string", "description": "lead (federführend) oder partner"},
        },
    },
    "Project": {
        "type": "object",
        "required": ["id", "title", "summary", "legal_form", "participants", "is_example", "url"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "summary": {"type": "string"},
            "situation": {"type": "string", "description": "Ausgangslage"},
            "goals": {"type": "string", "description": "Ziele und Inhalte"},
            "benefits": {"type": "string", "description": "Nutzen"},
            "savings_eur": {"type": ["number", "null"]},
            "savings_percent": {"type": ["number", "null"]},
            "task_areas": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
                },
            },
            "legal_form": {"type": "string"},
            "legal_form_label": {"type": "string"},
            "phase": NULLABLE_STRING,
            "start_date": {**NULLABLE_STRING, "format": "date"},
            "start_precision": {"type": "string", "enum": ["day", "month", "year"]},
            "participants": {"type": "array", "items": {"$ref": "#/components/schemas/Participant"}},
            "participants_count_per_source": {"type": ["integer", "null"]},
            "is_example": {"type": "boolean", "description": "Beispielprojekt der Redaktion (erfunden)"},
            "last_confirmed_at": {**NULLABLE_STRING, "format": "date-time"},
            "source_as_of": NULLABLE_STRING,
            "sources": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"url": {"type": "string"}, "supports": {"type": "string"}},
                },
            },
            "url": {"type": "string"},
        },
    },
    "ProjectPage": {
        "type": "object",
        "required": ["count", "next", "previous", "licence", "results"],
        "properties": {
            "count": {"type": "integer"},
            "next": NULLABLE_STRING,
            "previous": NULLABLE_STRING,
            "licence": {"$ref": "#/components/schemas/Licence"},
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/Project"}},
        },
    },
    "NotFound": {"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}},
}

_NOT_FOUND = {
    "description": "Nicht gefunden",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NotFound"}}},
}

PROJECT_PATHS = {
    "/api/v1/projects/": {
        "get": {
            "operationId": "projectList",
            "summary": "Veröffentlichte Kooperationsprojekte, 50 je Seite",
            "parameters": [
                {
                    "name": "page",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "integer", "minimum": 1},
                }
            ],
            "responses": {
                "200": {
                    "description": "Eine Seite Projekte",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ProjectPage"}}},
                },
                "404": _NOT_FOUND,
            },
        }
    },
    "/api/v1/projects/{id}/": {
        "get": {
            "operationId": "projectDetail",
            "summary": "Ein veröffentlichtes Kooperationsprojekt",
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
            "responses": {
                "200": {
                    "description": "Das Projekt mit Lizenzangabe",
                    "content": {
                        "application/json": {
                            "schema": {
                                "allOf": [
                                    {"$ref": "#/components/schemas/Project"},
                                    {
                                        "type": "object",
                                        "properties": {"licence": {"$ref": "#/components/schemas/Licence"}},
                                    },
                                ]
                            }
                        }
                    },
                },
                "404": _NOT_FOUND,
            },
        }
    },
}


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "IKZ-Portal NRW – Schnittstellen",
            "version": "1.0.0",
            "description": (
                "Lesende JSON-Schnittstellen des IKZ-Portals: Suche über alle Inhalte und die "
                "veröffentlichten Kooperationsprojekte (offene Daten, Lizenz in jeder Antwort)."
            ),
        },
        "paths": {**SEARCH_PATHS, **PROJECT_PATHS, **ASSISTANT_PATHS},
        "components": {"schemas": {**SEARCH_SCHEMAS, **PROJECT_SCHEMAS, **ASSISTANT_SCHEMAS}},
    }
