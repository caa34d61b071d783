from django.core.management.base import BaseCommand

from ikz.newsletter.services import subscriptions_expire


class Command(BaseCommand):
    help = "Löscht Newsletter-Anmeldungen, die nicht innerhalb der Frist bestätigt wurden."

    def handle(self, *args, **options):
        self.stdout.write(f"{subscriptions_expire()} unbestätigte Anmeldung(en) gelöscht.")
