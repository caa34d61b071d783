"""manage.py import_municipalities – load the register of Körperschaften from its source files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ikz.municipalities.register_data import (
    DEFAULT_CSV,
    DEFAULT_GEMEINDEN_GEOJSON,
    DEFAULT_KREISE_GEOJSON,
    RegisterDataError,
)
from ikz.municipalities.services import register_import


class Command(BaseCommand):
    help = (
        "Lädt das Verzeichnis der Körperschaften (Destatis GV100AD, BKG VG5000) und berechnet die Nachbarn."
    )

    def add_arguments(self, parser):
        parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="Verzeichnis als CSV")
        parser.add_argument(
            "--gemeinden-geojson", type=Path, default=DEFAULT_GEMEINDEN_GEOJSON, help="Umrisse der Gemeinden"
        )
        parser.add_argument(
            "--kreise-geojson", type=Path, default=DEFAULT_KREISE_GEOJSON, help="Umrisse der Kreisebene"
        )

    def handle(self, *args, **options):
        try:
            result = register_import(
                csv_path=options["csv"],
                gemeinden_geojson_path=options["gemeinden_geojson"],
                kreise_geojson_path=options["kreise_geojson"],
            )
        except RegisterDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(result.summary()))
        from django.apps import apps

        if apps.is_installed("ikz.search") and (result.created or result.updated):
            # The import writes in bulk, without signals: the register pages join the search here.
            from ikz.search.registry import search_reindex

            count = search_reindex(source="municipalities.municipality")["municipalities.municipality"]
            self.stdout.write(f"Suchindex: {count} Körperschaften.")
