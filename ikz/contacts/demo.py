"""Demo only: one invented expert (marked as example), so the demo shows person details to members."""

import datetime

from .models import Contact, ContactKind


def contacts_demo_setup() -> Contact:
    contact, _ = Contact.objects.update_or_create(
        key="beispiel-fachberatung-vergaberecht",
        defaults={
            "kind": ContactKind.EXPERTE,
            "name": "Beispiel: Fachberatung Vergaberecht bei Zusammenarbeit (erfundener Eintrag)",
            "helps_with": "Beispiel: Fragen zur Ausschreibungsfreiheit öffentlich-öffentlicher Zusammenarbeit "
            "(§ 108 GWB). Erfundener Eintrag der Demo.",
            "person_name": "Beispiel-Expertin (erfunden)",
            "person_function": "Beispiel",
            "person_email": "expertin@beispiel.invalid",
            "consent_at": datetime.date(2026, 11, 30),
            "consent_text": "Beispiel: erfundener Eintrag der Demo – keine echte Person, keine echte Einwilligung.",
            "is_example": True,
            "live": True,
            "sort_order": 100,
        },
    )
    return contact
