"""Delete uploaded files that no database row names (left behind by a crash mid-write).

Cron, hourly:  manage.py sweep_orphan_files
Check only:    manage.py sweep_orphan_files --dry-run
"""

from django.core.management.base import BaseCommand

from ikz.core.files import orphan_files


class Command(BaseCommand):
    help = "Löscht hochgeladene Dateien, auf die kein Datensatz mehr verweist (älter als --min-age Minuten)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur auflisten, nichts löschen.")
        parser.add_argument(
            "--min-age",
            type=int,
            default=60,
            help="Nur Dateien, die mindestens so viele Minuten alt sind (Standard: 60).",
        )

    def handle(self, *args, dry_run: bool, min_age: int, **options):
        found = orphan_files(min_age_seconds=min_age * 60)
        for area, name in found:
            if dry_run:
                self.stdout.write(f"verwaist: {area.label}: {name}")
            else:
                area.storage.delete(name)
                self.stdout.write(f"gelöscht: {area.label}: {name}")
        verb = "gefunden" if dry_run else "gelöscht"
        self.stdout.write(f"{len(found)} verwaiste Datei(en) {verb}.")
