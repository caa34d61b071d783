"""`manage.py restore VERZEICHNIS [--force]`: restore a backup made by `manage.py backup`."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ikz.core.backup import KEY_NOT_INCLUDED, BackupError, backup_restore
from ikz.core.pagecache import bump


def _when(iso: str) -> str:
    return timezone.localtime(datetime.datetime.fromisoformat(iso)).strftime("%d.%m.%Y, %H:%M Uhr")


class Command(BaseCommand):
    help = (
        "Stellt eine Sicherung von `manage.py backup` in eine leere Datenbank und leere Dateiverzeichnisse "
        "wieder her und prüft Prüfsummen und Zeilenzahlen gegen manifest.json."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Verzeichnis der Sicherung")
        parser.add_argument(
            "--force",
            action="store_true",
            help="auch in eine nicht leere Datenbank bzw. nicht leere Verzeichnisse wiederherstellen (überschreibt)",
        )

    def handle(self, *args, directory, force, **options):
        try:
            summary = backup_restore(directory, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        bump("Sicherung wiederhergestellt")  # however the rows came in, no page of before is served again
        self.stdout.write(
            self.style.SUCCESS(
                f"Sicherung vom {_when(summary.created_at)} wiederhergestellt: {summary.tables} Tabellen mit "
                f"{summary.rows} Zeilen; Zeilenzahlen und Prüfsummen stimmen mit manifest.json überein."
            )
        )
        for key, (count, path) in summary.files.items():
            self.stdout.write(f"  {key}: {count} Dateien nach {path}")
        if summary.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"Die Software ist neuer als die Sicherung ({summary.pending_migrations} Migrationen "
                    "ausstehend): Führen Sie jetzt `manage.py migrate` aus."
                )
            )
        self.stdout.write(KEY_NOT_INCLUDED)
