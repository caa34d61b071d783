from django.core.management.base import BaseCommand

from ikz.contacts.services import authorities_sync


class Command(BaseCommand):
    help = "Legt die Bezirksregierungen, die Kommunalaufsicht der 31 Kreise und die Redaktion als Ansprechpartner an (ändert nichts Vorhandenes)."

    def handle(self, *args, **options):
        created = authorities_sync()
        self.stdout.write(f"Ansprechpartner: {created} neu angelegt.")
