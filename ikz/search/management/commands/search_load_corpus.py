import time

from django.core.management.base import BaseCommand

from ikz.search.corpus import load_corpus


class Command(BaseCommand):
    help = "Lädt Gesetzesabschnitte aus einer JSON-Lines-Datei (auch .gz) direkt in den Suchindex."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--limit", type=int, default=None)

    def handle(self, *args, path, limit, **options):
        started = time.monotonic()
        count = load_corpus(
            path, limit=limit, progress=lambda n: self.stdout.write(f"  {n} …") if n % 10000 == 0 else None
        )
        self.stdout.write(f"{count} Abschnitte indexiert in {time.monotonic() - started:.1f} s")
