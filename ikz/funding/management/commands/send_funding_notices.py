from django.core.management.base import BaseCommand

from ikz.funding.services import funding_notices_send


class Command(BaseCommand):
    help = (
        "Schreibt den Abonnenten eines Förderprogramms, wenn sein Antragsfenster öffnet und zwei Wochen "
        "bevor es schließt (jeden Hinweis nur einmal). Täglich ausführen, z. B. per cron: "
        "30 6 * * * manage.py send_funding_notices"
    )

    def handle(self, *args, **options):
        count = funding_notices_send()
        self.stdout.write(f"{count} Hinweis(e) zu Förderprogrammen verschickt.")
