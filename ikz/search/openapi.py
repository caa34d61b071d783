"""Hand-written OpenAPI 3.1 description of the search API (served at /api/v1/search/openapi.json).

`SEARCH_PATHS` and `SEARCH_SCHEMAS` can be merged into a portal-wide API description.
"""

from .adapters import KIND_LABELS

MAX_LIMIT = 100

SEARCH_SCHEMAS = {
    "SearchResult": {
        "type": "object",
        "required": ["external_id", "kind", "title", "url", "snippet"],
        "properties": {
            "external_id": {
                "type": ["string", "null"],
                "description": "Kennung aus dem Import (z. B. „bund:gwb:§108“); null bei Einträgen aus dem Portal.",
            },
            "kind": {"type": "string", "enum": list(KIND_LABELS)},
            "title": {"type": "string"},
            "url": {"type": "string", "description": "Pfad der Seite im Portal"},
            "snippet": {
                "type": "string",
                "description": "Textausschnitt als HTML: Text ist maskiert, Treffer stehen in <mark>.",
            },
        },
    },
    "SearchResponse": {
        "type": "object",
        "required": ["query", "count", "total", "total_is_lower_bound", "results"],
        "properties": {
            "query": {"type": "string", "description": "Der Suchtext (höchstens 10.000 Zeichen)"},
            "count": {"type": "integer", "description": "Anzahl der Einträge in results"},
            "total": {
                "type": "integer",
                "description": (
                    "Anzahl der passenden Treffer: Treffer mit mindestens 30 % der Punktzahl des besten "
                    "Treffers. Texte, die nur ein einzelnes Suchwort oder einen Wortteil teilen, zählen "
                    "nicht mit; results kann sie am Ende trotzdem enthalten."
                ),
            },
            "total_is_lower_bound": {
                "type": "boolean",
                "description": (
                    "true: Es gibt mehr als total passende Treffer (gezählt wurden nur die am höchsten "
                    "bewerteten, mindestens 50), anzuzeigen als „mehr als …“."
                ),
            },
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchResult"}},
        },
    },
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "string", "description": "Fehlermeldung auf Deutsch"}},
    },
}

SEARCH_PATHS = {
    "/api/v1/search": {
        "get": {
            "operationId": "search",
            "summary": "Volltextsuche über alle Inhalte des Portals",
            "description": (
                "Deutsche Suche mit Grundformen, Komposita, Umlaut-Schreibweisen, Tippfehlertoleranz, "
                "Synonymen und Abkürzungen. Ergebnisse sind nach Relevanz sortiert (bester Treffer zuerst); "
                "fehlt ein Suchwort im Text, werden trotzdem Treffer geliefert."
            ),
            "parameters": [
                {"name": "q", "in": "query", "required": True, "schema": {"type": "string", "minLength": 1}},
                {
                    "name": "kind",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "enum": list(KIND_LABELS)},
                },
                {
                    "name": "limit",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 10},
                },
            ],
            "responses": {
                "200": {
                    "description": "Treffer",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}
                    },
                },
                "400": {
                    "description": "Ungültige Parameter",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                },
            },
        }
    }
}


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "IKZ-Portal NRW – Such-API", "version": "1.0.0"},
        "paths": SEARCH_PATHS,
        "components": {"schemas": SEARCH_SCHEMAS},
    }
