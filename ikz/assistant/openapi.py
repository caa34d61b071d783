"""OpenAPI description of the assistant's JSON endpoints (merged by ikz/api/openapi.py)."""

ASSISTANT_SCHEMAS = {
    "Foerderung": {
        "type": "object",
        "required": ["zuwendung", "bewilligungsbehoerde", "gruende", "stand", "quelle"],
        "properties": {
            "zuwendung": {
                "type": "number",
                "description": "Zuwendung nach den Regeln in Euro (0: keine Förderung)",
            },
            "bewilligungsbehoerde": {
                "type": "string",
                "description": "Bezirksregierung des Regierungsbezirks der federführenden Kommune (erste AGS)",
            },
            "gruende": {"type": "array", "items": {"type": "string"}, "description": "Rechenweg auf Deutsch"},
            "stand": {"type": "string", "format": "date", "description": "Stand der Förderdaten"},
            "quelle": {"type": "string", "description": "Öffentliche Quelle der Förderdaten"},
        },
    },
    "Fehler": {"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}},
}

ASSISTANT_PATHS = {
    "/api/v1/assistent/foerderung": {
        "get": {
            "operationId": "assistentFoerderung",
            "summary": "Zuwendung nach der Förderrichtlinie IKZ NRW für eine Gruppe von Kommunen",
            "parameters": [
                {
                    "name": "ags",
                    "in": "query",
                    "required": True,
                    "description": "Gemeinde- (8 Ziffern) oder Kreisschlüssel (5) je NRW-Partner; der erste ist federführend",
                    "schema": {
                        "type": "array",
                        "items": {"type": "string", "pattern": "^05[0-9]{3}([0-9]{3})?$"},
                    },
                    "style": "form",
                    "explode": True,
                },
                {
                    "name": "ausgaben",
                    "in": "query",
                    "required": True,
                    "description": "Zuwendungsfähige Ausgaben in Euro",
                    "schema": {"type": "number", "minimum": 0},
                },
                {
                    "name": "ausserhalb_nrw",
                    "in": "query",
                    "required": False,
                    "description": "Zahl der Partner außerhalb NRW",
                    "schema": {"type": "integer", "minimum": 0, "maximum": 50, "default": 0},
                },
            ],
            "responses": {
                "200": {
                    "description": "Zuwendung, Bewilligungsbehörde und Rechenweg",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Foerderung"}}},
                },
                "400": {
                    "description": "Ungültige Eingabe (Meldung auf Deutsch)",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Fehler"}}},
                },
            },
        }
    }
}
