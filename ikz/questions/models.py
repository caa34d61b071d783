"""Kommunen fragen Kommunen: members ask the other members a practical question and answer it.

A thread (Question with its Answers) is visible to confirmed members only, unless the asker made it
public; hidden content is gone for everyone on the site at once (the Redaktion still sees it in the
admin). Questions and answers are edited through ikz.core.concurrency (decision 0011).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.core.concurrency import VersionedModel

TITLE_MAX = 200
BODY_MAX = 5000
ANSWER_MAX = 10000
REPORT_MAX = 1000


class QuestionQuerySet(models.QuerySet):
    def shown(self):
        """Not hidden by the Redaktion: what the site shows (to those who may read it)."""
        return self.filter(hidden_at__isnull=True)

    def public(self):
        """What anyone may read, the search index included."""
        return self.shown().filter(is_public=True)

    def readable_by(self, user):
        from .permissions import may_read_private

        return self.shown() if may_read_private(user) else self.public()


class Question(VersionedModel):
    title = models.CharField(_("Frage"), max_length=TITLE_MAX)
    body = models.TextField(_("Erläuterung"), blank=True, max_length=BODY_MAX)
    task_area = models.ForeignKey(
        "core.TaskArea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Aufgabenbereich"),
    )
    is_public = models.BooleanField(
        _("Öffentlich sichtbar"),
        default=False,
        help_text=_("Sonst sehen die Frage nur Mitglieder einer Körperschaft."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="questions_asked",
        verbose_name=_("Gefragt von"),
    )
    # The Körperschaft the person asked for (their confirmed membership at the time).
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Körperschaft"),
    )
    created_at = models.DateTimeField(_("Gefragt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_activity_at = models.DateTimeField(_("Letzte Aktivität"), db_index=True)
    helpful_answer = models.ForeignKey(
        "Answer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Hilfreiche Antwort"),
    )
    hidden_at = models.DateTimeField(_("Ausgeblendet am"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(_("Geschlossen am"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    faq_page = models.ForeignKey(
        "faq.FAQPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("FAQ-Eintrag"),
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity_at", "-pk"]
        verbose_name = _("Frage der Mitglieder")
        verbose_name_plural = _("Kommunen fragen Kommunen")
        indexes = [models.Index(fields=["is_public", "hidden_at", "-last_activity_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("questions:detail", kwargs={"pk": self.pk})

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


class AnswerQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(hidden_at__isnull=True)


class Answer(VersionedModel):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("Frage")
    )
    body = models.TextField(_("Antwort"), max_length=ANSWER_MAX)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="question_answers",
        verbose_name=_("Geantwortet von"),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Körperschaft"),
    )
    created_at = models.DateTimeField(_("Geantwortet am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(_("Ausgeblendet am"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")

    def __str__(self) -> str:
        return f"Antwort auf „{self.question}“"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Follow(models.Model):
    """Someone follows a thread: a mail on each new answer (not on their own)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="question_follows"
    )
    created_at = models.DateTimeField(_("Gefolgt seit"), auto_now_add=True)
    # When the person last opened the thread: answers after it count as new on /konto/.
    seen_at = models.DateTimeField(_("Zuletzt angesehen"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Gefolgte Frage")
        verbose_name_plural = _("Gefolgte Fragen")
        constraints = [models.UniqueConstraint(fields=["question", "user"], name="questions_follow_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.question}"


class Report(models.Model):
    """A member's report („Beitrag melden“) of a question or an answer, for the Redaktion."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="reports", verbose_name=_("Frage")
    )
    answer = models.ForeignKey(
        Answer,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("Antwort"),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Gemeldet von"),
    )
    reason = models.TextField(_("Grund"), max_length=REPORT_MAX)
    created_at = models.DateTimeField(_("Gemeldet am"), auto_now_add=True)
    handled_at = models.DateTimeField(_("Erledigt am"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Erledigt von"),
    )

    class Meta:
        ordering = ["handled_at", "-created_at"]
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")

    def __str__(self) -> str:
        target = "Antwort" if self.answer_id else "Frage"
        return f"Meldung zu {target} in „{self.question}“"

    @property
    def is_open(self) -> bool:
        return self.handled_at is None

    @property
    def target_label(self) -> str:
        return "Antwort" if self.answer_id else "Frage"
