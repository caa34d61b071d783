import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ikz.library.importer import import_file
from ikz.library.tree import library_tree_ensure


class Command(BaseCommand):
    help = "Importiert Einträge der Wissensdatenbank aus JSON Lines (auch .gz); idempotent über external_id."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Datei im JSON-Lines-Format (siehe docs/library-import.md)")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--max-errors-shown", type=int, default=50)
        parser.add_argument(
            "--label",
            default="",
            help="Bezeichnung des Imports (z. B. „GkG NRW, Stand 05.03.2024“); steht bei neuen und früheren Fassungen",
        )

    def handle(self, path, batch_size, max_errors_shown, label, **options):
        logging.getLogger("wagtail").setLevel(logging.WARNING)  # no line per created law page
        library_tree_ensure()
        try:
            summary = import_file(
                path, batch_size=batch_size, progress=self.stdout.write, label=label or Path(path).name
            )
        except OSError as exc:
            raise CommandError(f"Datei nicht lesbar: {exc}") from exc
        for lineno, message in summary.errors[:max_errors_shown]:
            self.stderr.write(f"Zeile {lineno}: {message}")
        if len(summary.errors) > max_errors_shown:
            self.stderr.write(f"… und {len(summary.errors) - max_errors_shown} weitere fehlerhafte Zeilen")
        self.stdout.write(self.style.SUCCESS(summary.text()))
