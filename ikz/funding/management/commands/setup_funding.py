from django.core.management.base import BaseCommand

from ikz.funding.content import funding_setup


class Command(BaseCommand):
    help = (
        "Legt /foerderung/ und die Förderrichtlinie IKZ NRW (echte Angaben mit Quelle und Stand) an, "
        "falls sie fehlen; überschreibt nichts, was die Redaktion geändert hat."
    )

    def handle(self, *args, **options):
        created = funding_setup()
        self.stdout.write(f"Förderprogramme eingerichtet ({created} neu angelegt).")
