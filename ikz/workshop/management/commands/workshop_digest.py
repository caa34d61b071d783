from django.core.management.base import BaseCommand

from ikz.workshop.digest import digest_send


class Command(BaseCommand):
    help = (
        "Schickt den Mitgliedern der Kooperationswerkstätten, die die tägliche Zusammenfassung gewählt "
        "haben, die Änderungen seit der letzten (nie zweimal dieselbe). Täglich ausführen, z. B. per "
        "cron: 30 6 * * * manage.py workshop_digest"
    )

    def handle(self, *args, **options):
        count = digest_send()
        self.stdout.write(f"{count} Zusammenfassung(en) verschickt.")
