"""`manage.py backup VERZEICHNIS`: database snapshot, file archives and manifest (ikz/core/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ikz.core.backup import KEY_NOT_INCLUDED, BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Sichert Datenbank, hochgeladene Dateien (MEDIA_ROOT) und die Anhänge der Hotline in ein neues "
        "Verzeichnis, mit Zeilenzahlen und Prüfsummen in manifest.json. Der SECRET_KEY wird nicht gesichert."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="neues oder leeres Zielverzeichnis")

    def handle(self, *args, directory, **options):
        try:
            summary = backup_create(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = ", ".join(f"{count} Dateien ({key})" for key, count in summary.files.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Sicherung in {summary.directory} geschrieben: {summary.tables} Tabellen mit "
                f"{summary.rows} Zeilen, {files}."
            )
        )
        for key, names in summary.missing.items():
            self.stderr.write(
                self.style.WARNING(
                    f"Achtung: {len(names)} Datei(en) in „{key}“, die die Datenbank nennt, fehlten beim "
                    f"Archivieren (z. B. {names[0]}); sie sind in manifest.json unter „missing“ aufgeführt."
                )
            )
        self.stdout.write(KEY_NOT_INCLUDED)
