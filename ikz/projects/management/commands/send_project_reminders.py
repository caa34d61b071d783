from django.core.management.base import BaseCommand

from ikz.projects.services import project_reminders_send


class Command(BaseCommand):
    help = (
        "Erinnert die Ansprechpersonen veröffentlichter Projekte, die seit 12 Monaten nicht bestätigt "
        "wurden (einmal je Zeitraum). Täglich ausführen, z. B. per cron: 15 6 * * * manage.py send_project_reminders"
    )

    def handle(self, *args, **options):
        count = project_reminders_send()
        self.stdout.write(f"{count} Erinnerung(en) verschickt.")
