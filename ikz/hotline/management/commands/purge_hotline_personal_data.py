from django.core.management.base import BaseCommand

from ikz.hotline.services import inquiries_purge_personal_data, retention_days


class Command(BaseCommand):
    help = "Löscht personenbezogene Daten geschlossener Hotline-Anfragen nach Ablauf der Aufbewahrungsfrist."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Frist in Tagen (Standard: HOTLINE_RETENTION_DAYS)"
        )

    def handle(self, *args, days=None, **options):
        days = retention_days() if days is None else days
        count = inquiries_purge_personal_data(older_than_days=days)
        self.stdout.write(f"{count} Anfrage(n) anonymisiert (geschlossen vor mehr als {days} Tagen).")
