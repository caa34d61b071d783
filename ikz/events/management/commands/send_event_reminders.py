from django.core.management.base import BaseCommand

from ikz.events.services import reminders_send


class Command(BaseCommand):
    help = (
        "Erinnert alle Angemeldeten an Veranstaltungen, die morgen beginnen (je Anmeldung einmal). "
        "Täglich oder stündlich ausführen, z. B. per cron: 0 8 * * * manage.py send_event_reminders"
    )

    def handle(self, *args, **options):
        count = reminders_send()
        self.stdout.write(f"{count} Erinnerung(en) in den Postausgang gestellt.")
