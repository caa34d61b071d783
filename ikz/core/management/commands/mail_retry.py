"""Send every mail of the outbox that is due: retries, and mails a stopped worker left behind.

Run it from cron every few minutes, e.g.
    */5 * * * *  cd /srv/ikz && DJANGO_SETTINGS_MODULE=config.settings.production .venv/bin/python manage.py mail_retry
"""

from django.core.management.base import BaseCommand

from ikz.core.mail import mails_retry_due


class Command(BaseCommand):
    help = "Sendet fällige E-Mails aus dem Postausgang erneut (Wiederholungen nach Fehlern, liegengebliebene Mails)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="höchstens so viele Mails je Lauf (500)")

    def handle(self, *args, limit: int, **options):
        counts = mails_retry_due(limit=limit)
        self.stdout.write(
            f"Zugestellt: {counts['sent']}, erneut eingeplant: {counts['queued']}, "
            f"aufgegeben: {counts['failed']}, wieder aufgenommen: {counts['recovered']}"
        )
