"""Newsletter: subscriptions with double opt-in and consent log, editions as pages, deliveries."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from ikz.core.models import RICH_TEXT_FEATURES


class NewsletterIndexPage(RoutablePageMixin, Page):
    """/newsletter/: the subscribe form; /newsletter/archiv/: past editions (the children)."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["newsletter.NewsletterEditionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Newsletter-Übersicht")

    def editions(self):
        return NewsletterEditionPage.objects.child_of(self).live().public().order_by("-first_published_at")

    @path("")
    def subscribe(self, request):
        from .views import subscribe

        return subscribe(request, index_page=self)

    @path("archiv/")
    def archive(self, request):
        return self.render(
            request, context_overrides={"editions": self.editions()}, template="newsletter/archive.html"
        )


class NewsletterEditionPage(Page):
    """One edition: written in the admin, previewed as mail, sent in the background, then archived."""

    intro = RichTextField(_("Einleitung"), features=RICH_TEXT_FEATURES, blank=True)
    outro = RichTextField(_("Schluss"), features=RICH_TEXT_FEATURES, blank=True)
    task_areas = ParentalManyToManyField(
        "core.TaskArea",
        blank=True,
        verbose_name=_("Themen"),
        help_text=_(
            "Leer: an alle. Sonst an alle, die eines dieser Themen oder gar keine Themen gewählt haben."
        ),
    )

    content_panels = Page.content_panels + [
        HelpPanel(
            content=_(
                "Über das Menü „…“ oben: „Neues seit der letzten Ausgabe übernehmen“ fügt die seither "
                "veröffentlichten Seiten und öffentlichen Fragen aus „Kommunen fragen Kommunen“ ein; "
                "„Versand“ zeigt die Vorschau und startet den Versand."
            )
        ),
        FieldPanel("intro"),
        InlinePanel("items", label=_("Beiträge")),
        FieldPanel("outro"),
        FieldPanel("task_areas"),
    ]
    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types: list[str] = []
    preview_modes = [
        ("", _("Webseite")),
        ("mail_html", _("E-Mail (HTML)")),
        ("mail_text", _("E-Mail (Text)")),
    ]

    class Meta:
        verbose_name = _("Newsletter-Ausgabe")
        verbose_name_plural = _("Newsletter-Ausgaben")
        permissions = [("send_edition", "Newsletter-Ausgaben versenden")]

    def serve_preview(self, request, mode_name):
        from django.http import HttpResponse

        from .mails import edition_render

        if mode_name in {"mail_html", "mail_text"}:
            text, html = edition_render(edition=self, unsubscribe_url="https://…/newsletter/abmelden/…")
            if mode_name == "mail_text":
                return HttpResponse(text, content_type="text/plain; charset=utf-8")
            return HttpResponse(html)
        return super().serve_preview(request, mode_name)


class EditionItem(Orderable):
    """A teaser in an edition: a page of the portal or a public thread of „Kommunen fragen
    Kommunen“, with an optional own text. A thread that is no longer public (the asker made it
    private, the Redaktion hid it) is left out of the mail and the archive page (`entry`)."""

    edition = ParentalKey(NewsletterEditionPage, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Seite"),
    )
    question = models.ForeignKey(
        "questions.Question",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"is_public": True, "hidden_at__isnull": True},
        verbose_name=_("oder Frage aus „Kommunen fragen Kommunen“"),
        help_text=_("Nur öffentliche Fragen."),
    )
    teaser = models.TextField(_("Anreißer"), blank=True, help_text=_("Leer: die Suchbeschreibung der Seite."))

    panels = [FieldPanel("page"), FieldPanel("question"), FieldPanel("teaser")]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page__isnull=False, question__isnull=True)
                | models.Q(page__isnull=True, question__isnull=False),
                name="newsletter_item_page_or_question",
            )
        ]

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if (self.page_id is None) == (self.question_id is None):
            raise ValidationError(
                _("Bitte wählen Sie für jeden Beitrag entweder eine Seite oder eine Frage – nicht beides.")
            )

    def entry(self) -> dict | None:
        """Title, path and teaser as shown – or None for a thread that is no longer public."""
        if self.question_id:
            from django.utils.text import Truncator

            from ikz.questions.models import Question

            question = Question.objects.public().filter(pk=self.question_id).first()
            if question is None:
                return None
            return {
                "title": question.title,
                "path": question.get_absolute_url(),
                "teaser": self.teaser or Truncator(question.body).chars(300),
            }
        if self.page_id is None:
            return None
        page = self.page.specific
        return {
            "title": page.title,
            "path": page.url or "/",
            "teaser": self.teaser or getattr(page, "search_description", "") or "",
        }


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", _("unbestätigt")
    CONFIRMED = "confirmed", _("bestätigt")
    UNSUBSCRIBED = "unsubscribed", _("abgemeldet")


def _token() -> str:
    return secrets.token_urlsafe(32)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=SubscriptionStatus.CONFIRMED)


class Subscription(models.Model):
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    status = models.CharField(
        _("Status"), max_length=15, choices=SubscriptionStatus.choices, default=SubscriptionStatus.PENDING
    )
    topics = models.ManyToManyField("core.TaskArea", blank=True, verbose_name=_("Themen"))
    token = models.CharField(
        _("Abmelde-Schlüssel"), max_length=64, unique=True, default=_token, editable=False
    )
    requested_at = models.DateTimeField(_("Angefordert am"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("Bestätigt am"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("Abgemeldet am"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Abonnement")
        verbose_name_plural = _("Abonnements")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscription_email_ci_unique")
        ]

    def __str__(self) -> str:
        return self.email


class ConsentAction(models.TextChoices):
    REQUESTED = "requested", _("angefordert")
    CONFIRMED = "confirmed", _("bestätigt (Double-Opt-in)")
    UNSUBSCRIBED = "unsubscribed", _("abgemeldet")


class ConsentLog(models.Model):
    """Proof of consent (UWG § 7, Art. 7 DSGVO): who agreed to what, when, and how it ended."""

    subscription = models.ForeignKey(
        Subscription, null=True, on_delete=models.SET_NULL, related_name="consent_log"
    )
    email = models.EmailField(_("E-Mail-Adresse"))
    action = models.CharField(_("Vorgang"), max_length=15, choices=ConsentAction.choices)
    consent_text = models.TextField(_("Wortlaut der Einwilligung"), blank=True)
    topics = models.CharField(_("Themen"), max_length=1000, blank=True)
    method = models.CharField(_("Weg"), max_length=40, blank=True)
    at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("Einwilligungsprotokoll")
        verbose_name_plural = _("Einwilligungsprotokoll")

    def __str__(self) -> str:
        return f"{self.email}: {self.get_action_display()} ({self.at:%d.%m.%Y %H:%M})"


class Dispatch(models.Model):
    """The decision to send an edition; exists at most once per edition."""

    edition = models.OneToOneField(NewsletterEditionPage, on_delete=models.CASCADE, related_name="dispatch")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Versand")
        verbose_name_plural = _("Versände")

    def __str__(self) -> str:
        return f"Versand von {self.edition}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("wartet")
    SENDING = "sending", _("in Arbeit")
    SENT = "sent", _("gesendet")
    FAILED = "failed", _("fehlgeschlagen")
    SKIPPED = "skipped", _("übersprungen (abgemeldet)")


class Delivery(models.Model):
    """One edition to one subscriber: the unit of sending, claimed, sent and recorded once."""

    edition = models.ForeignKey(NewsletterEditionPage, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        _("Status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    last_error = models.CharField(_("Letzter Fehler"), max_length=500, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("Gesendet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Zustellung")
        verbose_name_plural = _("Zustellungen")
        constraints = [
            models.UniqueConstraint(fields=["edition", "subscription"], name="newsletter_delivery_once"),
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self) -> str:
        return f"{self.edition_id} → {self.subscription_id}: {self.status}"
