"""pytest fixtures of the hotline: `inquiry_factory(**fields)` creates an inquiry through the service."""

import pytest


@pytest.fixture
def inquiry_factory(db):
    from .services import inquiry_submit

    def make(**fields):
        fields.setdefault("subject", "Frage zum Zweckverband")
        fields.setdefault("question", "Wie gründen wir einen Zweckverband für die Abwasserbeseitigung?")
        fields.setdefault("name", "Erika Muster")
        fields.setdefault("email", "erika.muster@kommune.nrw.example")
        fields.setdefault("consent_text", "Einwilligung")
        return inquiry_submit(**fields)

    return make
