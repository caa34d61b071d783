from datetime import timedelta

from django.core.management.base import BaseCommand

from ikz.newsletter.models import Dispatch
from ikz.newsletter.sending import dispatch_run


class Command(BaseCommand):
    help = (
        "Versendet die offenen Zustellungen einer Newsletter-Ausgabe (oder aller unfertigen Versände) "
        "in diesem Prozess; setzt nach einem Absturz dort fort, wo der Versand stehen blieb."
    )

    def add_arguments(self, parser):
        parser.add_argument("--edition", type=int, help="Seiten-ID der Ausgabe (Standard: alle unfertigen)")
        parser.add_argument(
            "--reclaim-after",
            type=int,
            default=None,
            help="Sekunden, nach denen liegengebliebene Zustellungen neu vergeben werden "
            "(Standard: NEWSLETTER_CLAIM_LEASE_SECONDS; 0 wenn sicher kein anderer Worker läuft)",
        )

    def handle(self, *args, edition=None, reclaim_after=None, **options):
        ids = (
            [edition]
            if edition
            else list(Dispatch.objects.filter(finished_at__isnull=True).values_list("edition_id", flat=True))
        )
        reclaim = None if reclaim_after is None else timedelta(seconds=reclaim_after)
        for edition_id in ids:
            progress = dispatch_run(edition_id=edition_id, reclaim_after=reclaim)
            self.stdout.write(
                f"Ausgabe {edition_id}: {progress['sent']} gesendet, {progress['failed']} fehlgeschlagen, "
                f"{progress['pending']} wartend, {progress['skipped']} übersprungen"
            )
