import time

from django.core.management.base import BaseCommand, CommandError

from ikz.search.registry import adapters, entry_sources, search_reindex


class Command(BaseCommand):
    help = "Baut den Suchindex neu auf (alle Quellen oder eine mit --source)."

    def add_arguments(self, parser):
        parser.add_argument("--source", default=None, help="z. B. library.lawsection")

    def handle(self, *args, source, **options):
        known = sorted({*adapters(), *entry_sources()})
        if source and source not in known:
            raise CommandError(f"Unbekannte Quelle „{source}“. Bekannt: {', '.join(known)}")
        started = time.monotonic()
        counts = search_reindex(source)
        for key, count in counts.items():
            self.stdout.write(f"{key}: {count} Einträge")
        self.stdout.write(f"Fertig in {time.monotonic() - started:.1f} s")
