from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(form_classname="title", label=_("Zwischenüberschrift"))
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Absatz"))
    notice = blocks.RichTextBlock(
        features=["bold", "italic", "link"], label=_("Hinweiskasten"), icon="warning"
    )

    class Meta:
        label = _("Inhalt")


class HomePage(Page):
    """The portal's start page: what the portal offers and where to begin."""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Inhalt"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    def get_context(self, request, *args, **kwargs):
        from ikz.core.selectors import home_overview

        context = super().get_context(request, *args, **kwargs)
        context.update(home_overview())
        return context

    class Meta:
        verbose_name = _("Startseite")
        verbose_name_plural = _("Startseiten")


class StandardPage(Page):
    """A plain text page: Impressum, Datenschutz, Barrierefreiheit, "Über das Portal"."""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Inhalt"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("Textseite")
        verbose_name_plural = _("Textseiten")


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """What the Redaktion changes without a release: footer links and contact details."""

    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Impressum"),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Datenschutz"),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Barrierefreiheit"),
    )
    hotline_phone = models.CharField(_("Telefon der Hotline"), max_length=40, blank=True)
    hotline_hours = models.CharField(_("Erreichbarkeit der Hotline"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail der Redaktion"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("imprint_page"), FieldPanel("privacy_page"), FieldPanel("accessibility_page")],
            heading=_("Pflichtseiten im Fußbereich"),
        ),
        MultiFieldPanel(
            [FieldPanel("hotline_phone"), FieldPanel("hotline_hours"), FieldPanel("contact_email")],
            heading=_("Kontakt"),
        ),
    ]

    class Meta:
        verbose_name = _("Portal-Einstellungen")


from .outbox import ConsumedToken, OutgoingMail  # noqa: E402,F401
from .taxonomy import LegalForm, TaskArea  # noqa: E402,F401 - models of this app live in several modules
