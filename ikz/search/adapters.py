"""Adapters for the apps whose content is searchable, registered when those apps are installed.

A generic page adapter turns any Wagtail page into an IndexEntry from the page's own
`search_fields` (so a new field declared there is searched without a change here); law
sections get their own adapter. Signals keep the index in step (page published/unpublished,
section saved/deleted); bulk imports call `search_reindex(source=...)` afterwards.
"""

import datetime

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.utils.html import strip_tags
from wagtail.search import index

from .documents import IndexEntry
from .registry import adapters, register, search_index_delete, search_index_update, search_index_update_tree

# kind key → German label shown in facets and results
KIND_LABELS = {
    "law": "Gesetze und Paragrafen",
    "ruling": "Rechtsprechung",
    "literature": "Literatur",
    "checklist": "Checklisten",
    "template": "Muster und Vorlagen",
    "material": "Öffentlichkeitsarbeit",
    "project": "Projekte",
    "faq": "Häufige Fragen",
    "question": "Kommunen fragen Kommunen",
    "newsletter": "Newsletter",
    "event": "Veranstaltungen",
    "page": "Seiten",
    "municipality": "Körperschaften",
    "funding": "Förderprogramme",
}


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "all") and callable(value.all):
        return " ".join(str(v) for v in value.all())
    if isinstance(value, datetime.date | int | float):
        return str(value)
    text = value.source if hasattr(value, "source") else str(value)  # RichText
    return strip_tags(text).replace("&nbsp;", " ")


def page_body(page) -> str:
    skip = {"title", "external_id", "slug"}
    parts = []
    for field in getattr(page, "search_fields", []):
        if isinstance(field, index.SearchField) and field.field_name not in skip:
            parts.append(_text(getattr(page, field.field_name, "")))
    return "\n".join(p for p in parts if p.strip())


def _names(obj, attr: str) -> list[str]:
    related = getattr(obj, attr, None)
    if related is None or not hasattr(related, "all"):
        return []
    return [str(item) for item in related.all()]


def page_entry(kind: str):
    def to_entry(page) -> IndexEntry | None:
        page = page.specific  # whether it is public: `public_pages`, checked before this is called
        year = None
        for attr in ("decision_date", "publication_date", "last_reviewed", "first_published_at"):
            value = getattr(page, attr, None)
            if value:
                year = value.year
                break
        year = getattr(page, "year", None) if isinstance(getattr(page, "year", None), int) else year
        legal_forms = _names(page, "legal_forms")
        if getattr(page, "legal_form", ""):
            legal_forms.append(page.get_legal_form_display())
        task_areas = [ta.name for ta in page.task_areas.all()] if hasattr(page, "task_areas") else []
        parent = page.get_parent()
        return IndexEntry(
            source=page._meta.label_lower,
            object_id=str(page.pk),
            kind=kind,
            title=page.title,
            url=page.url or "",
            body=page_body(page),
            external_id=getattr(page, "external_id", "") or None,
            # The task areas the Redaktion assigned say what it is about in the portal's words:
            # "Bibliothek gemeinsam" finds the Onleihe-Verbund, whose text says "Stadtbibliothek".
            context=" ".join(
                [parent.title if parent else "", getattr(page, "abbreviation", ""), *task_areas]
                + _names(page, "tags")
            ),
            law=getattr(page, "abbreviation", "") or "",
            year=year,
            task_areas=task_areas,
            legal_forms=legal_forms,
            regierungsbezirke=list(getattr(page, "search_regierungsbezirke", []) or []),
        )

    return to_entry


def law_section_entry(section) -> IndexEntry | None:
    law = section.law
    heading = f" {section.heading}" if section.heading else ""
    return IndexEntry(
        source="library.lawsection",
        object_id=str(section.pk),
        kind="law",
        title=f"{section.label}{heading} ({law.abbreviation})",
        url=f"{law.url or ''}{section.slug}/",
        body=section.body,
        external_id=section.external_id or None,
        context=f"{law.abbreviation} {law.title}",
        law=law.abbreviation,
        year=section.version_date.year if section.version_date else None,
    )


def municipality_entry(municipality) -> IndexEntry:
    """A Körperschaft of the register: "Hückeswagen" opens with the Stadt's page."""
    m = municipality
    kreis = f", {m.kreis.display_name}" if m.kreis_id else ""
    facts = [f"{m.get_type_display()} in Nordrhein-Westfalen{kreis}, Regierungsbezirk {m.regierungsbezirk}."]
    facts.append(f"Amtlicher Name: {m.name}. Amtlicher Gemeindeschlüssel (AGS) {m.ags}.")
    if m.verwaltungssitz:
        facts.append(f"Verwaltungssitz: {m.verwaltungssitz}.")
    if m.population:
        facts.append(f"Einwohner: {m.population:,}.".replace(",", "."))
    return IndexEntry(
        source="municipalities.municipality",
        object_id=str(m.pk),
        kind="municipality",
        title=m.display_name,
        url=m.get_absolute_url(),
        body=" ".join(facts),
        context=f"Kommune Körperschaft Register {m.short_name}",
        regierungsbezirke=[m.regierungsbezirk] if m.regierungsbezirk else [],
    )


def public_pages(queryset):
    """Pages the public may open: published, not expired, no login/password/group restriction on
    the page or above it (Wagtail's `public()` looks at the ancestors), and not „nur für Mitglieder“
    (a library entry's `members_only`, see ikz.library.members)."""
    queryset = queryset.live().public().filter(expired=False)
    if any(f.name == "members_only" for f in queryset.model._meta.concrete_fields):
        queryset = queryset.filter(members_only=False)
    return queryset


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        search_index_update(instance)


def _on_delete(sender, instance, **kwargs):
    search_index_delete(instance)


def _on_page_change(sender, instance, **kwargs):
    owners = [a.owner_model() for a in adapters().values() if a.owner_page]
    if any(isinstance(instance, model) for model in owners):
        search_index_update_tree(instance)  # a law's sections follow its state, in one task
    else:
        search_index_update(instance)


def _on_restriction_change(sender, instance, raw=False, **kwargs):
    """A login, password or group restriction hides the page and everything below it."""
    if not raw and instance.page_id:
        search_index_update_tree(instance.page)


def _on_page_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    """A page moved under a restricted parent is hidden, and every URL below it changes (also
    after a new slug). A mere reordering among siblings changes neither."""
    if url_path_before != url_path_after or kwargs.get("parent_page_before") != kwargs.get(
        "parent_page_after"
    ):
        search_index_update_tree(instance)


def _on_slug_changed(sender, instance, **kwargs):
    search_index_update_tree(instance)


PAGE_KINDS = [
    ("core", "StandardPage", "page"),
    ("library", "LawPage", "law"),
    ("library", "RulingPage", "ruling"),
    ("library", "LiteraturePage", "literature"),
    ("library", "ChecklistPage", "checklist"),
    ("library", "TemplatePage", "template"),
    ("library", "PublicRelationsPage", "material"),
    ("faq", "FAQPage", "faq"),
    ("projects", "ProjectPage", "project"),
    ("newsletter", "NewsletterEditionPage", "newsletter"),
    # Overview pages people look for by name: "FAQ", "Newsletter" (archive and sign-up), "Wissen".
    ("faq", "FAQIndexPage", "page"),
    ("newsletter", "NewsletterIndexPage", "page"),
    ("library", "LibraryIndexPage", "page"),
]


def connect_draft_model(model, name: str) -> None:
    """Keep a snippet with a publishing workflow (DraftStateMixin) in step: publish, unpublish
    (also by expiry), delete."""
    from wagtail.signals import published, unpublished

    published.connect(_on_save, sender=model, dispatch_uid=f"search-pub-{name}")
    unpublished.connect(_on_save, sender=model, dispatch_uid=f"search-unpub-{name}")
    post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search-del-{name}")


def register_installed() -> None:
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    post_save.connect(_on_restriction_change, sender=PageViewRestriction, dispatch_uid="search-restrict")
    post_delete.connect(_on_restriction_change, sender=PageViewRestriction, dispatch_uid="search-unrestrict")
    post_page_move.connect(_on_page_moved, dispatch_uid="search-page-moved")
    page_slug_changed.connect(_on_slug_changed, dispatch_uid="search-page-slug")
    for app_label, model_name, kind in PAGE_KINDS:
        if not apps.is_installed(f"ikz.{app_label}"):
            continue
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        register(model, page_entry(kind), public=public_pages, prepare=lambda qs: qs.specific())
        page_published.connect(_on_page_change, sender=model, dispatch_uid=f"search-pub-{model_name}")
        page_unpublished.connect(_on_page_change, sender=model, dispatch_uid=f"search-unpub-{model_name}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search-del-{model_name}")
    from .registry import register_entries
    from .service_pages import SOURCE as SERVICE_SOURCE
    from .service_pages import service_entries

    register_entries(SERVICE_SOURCE, service_entries)
    if apps.is_installed("ikz.municipalities"):
        municipality = apps.get_model("municipalities", "Municipality")
        heavy = ("boundary", "map_path", "map_bbox", "kreis__boundary", "kreis__map_path", "kreis__map_bbox")
        register(
            municipality,
            municipality_entry,
            public=lambda qs: qs,  # the register is public
            prepare=lambda qs: qs.select_related("kreis").defer(*heavy),
        )
        post_save.connect(_on_save, sender=municipality, dispatch_uid="search-save-municipality")
        post_delete.connect(_on_delete, sender=municipality, dispatch_uid="search-del-municipality")
    if apps.is_installed("ikz.library"):
        try:
            section = apps.get_model("library", "LawSection")
            law = apps.get_model("library", "LawPage")
        except LookupError:
            return
        register(
            section,
            law_section_entry,
            public=lambda qs: qs.filter(live=True, law__in=public_pages(law.objects.all())),
            prepare=lambda qs: qs.select_related("law"),
            source="library.lawsection",
            owner_page="law",
        )
        post_save.connect(_on_save, sender=section, dispatch_uid="search-save-lawsection")
        post_delete.connect(_on_delete, sender=section, dispatch_uid="search-del-lawsection")
