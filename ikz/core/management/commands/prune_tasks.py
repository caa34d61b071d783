"""Delete what the task queue and the outbox no longer need, so no old mail data lies around.

Run it from cron once a day, e.g.
    30 3 * * *  cd /srv/ikz && DJANGO_SETTINGS_MODULE=config.settings.production .venv/bin/python manage.py prune_tasks
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from ikz.core.mail import mails_prune
from ikz.core.throttle import tokens_prune


class Command(BaseCommand):
    help = (
        "Löscht abgeschlossene Hintergrundaufgaben, das Zustellprotokoll zugestellter Mails und den "
        "Inhalt aufgegebener Mails nach Ablauf ihrer Fristen sowie abgelaufene Einmal-Tokens."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--task-days",
            type=int,
            default=getattr(settings, "TASK_RESULT_RETENTION_DAYS", 7),
            help="abgeschlossene Aufgaben älter als so viele Tage löschen (TASK_RESULT_RETENTION_DAYS, 7)",
        )
        parser.add_argument(
            "--mail-log-days",
            type=int,
            default=getattr(settings, "MAIL_LOG_RETENTION_DAYS", 90),
            help="Zustellprotokoll zugestellter Mails nach so vielen Tagen löschen (MAIL_LOG_RETENTION_DAYS, 90)",
        )
        parser.add_argument(
            "--failed-mail-days",
            type=int,
            default=getattr(settings, "MAIL_FAILED_BODY_RETENTION_DAYS", 14),
            help="Inhalt nicht zustellbarer Mails nach so vielen Tagen löschen (MAIL_FAILED_BODY_RETENTION_DAYS, 14)",
        )

    def handle(self, *args, task_days: int, mail_log_days: int, failed_mail_days: int, **options):
        tasks = self._tasks_prune(older_than=timedelta(days=task_days))
        mails = mails_prune(
            sent_older_than=timedelta(days=mail_log_days), failed_older_than=timedelta(days=failed_mail_days)
        )
        tokens = tokens_prune()
        self.stdout.write(
            f"Aufgaben gelöscht: {tasks}, Zustellprotokoll gelöscht: {mails['deleted']}, "
            f"Inhalte aufgegebener Mails gelöscht: {mails['wiped']}, Einmal-Tokens gelöscht: {tokens}"
        )

    @staticmethod
    def _tasks_prune(*, older_than: timedelta) -> int:
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        finished = [TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]
        deleted, _ = DBTaskResult.objects.filter(
            status__in=finished, finished_at__lt=timezone.now() - older_than
        ).delete()
        return deleted
