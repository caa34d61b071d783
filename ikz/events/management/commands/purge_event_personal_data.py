from django.core.management.base import BaseCommand

from ikz.events.models import retention_days
from ikz.events.services import registrations_expire, registrations_purge_personal_data


class Command(BaseCommand):
    help = (
        "Löscht unbestätigte Anmeldungen nach Ablauf der Bestätigungsfrist und die personenbezogenen "
        "Daten der Anmeldungen, deren Veranstaltung länger als die Aufbewahrungsfrist vorbei ist."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Frist in Tagen (Standard: EVENTS_RETENTION_DAYS)"
        )

    def handle(self, *args, days=None, **options):
        days = retention_days() if days is None else days
        expired = registrations_expire()
        purged = registrations_purge_personal_data(older_than_days=days)
        self.stdout.write(
            f"{expired} unbestätigte Anmeldung(en) gelöscht, {purged} Anmeldung(en) anonymisiert "
            f"(Veranstaltung vor mehr als {days} Tagen)."
        )
