"""The library's place in the site tree: /wissen/ with one folder per kind."""

from django.db import transaction

from ikz.core.models import HomePage

from .models import LawIndexPage, LibraryFolderPage, LibraryIndexPage

FOLDERS = {
    "urteile": ("Urteile und Beschlüsse", "Entscheidungen zu Zusammenarbeit, Vergaberecht und Umsatzsteuer."),
    "literatur": ("Fachliteratur", "Handbücher, Kommentare, Aufsätze und Verwaltungsschreiben."),
    "checklisten": ("Checklisten", "Schritt für Schritt durch Gründung, Vereinbarung und Prüfung."),
    "muster": ("Muster und Vorlagen", "Vertrags-, Satzungs- und Formularmuster zum Herunterladen."),
    "oeffentlichkeitsarbeit": (
        "Öffentlichkeitsarbeit",
        "Vorlagen für Pressemitteilungen, Flyer und Präsentationen.",
    ),
}


@transaction.atomic
def library_tree_ensure() -> LibraryIndexPage:
    """Create /wissen/, /wissen/gesetze/ and the kind folders where missing; idempotent."""
    index = LibraryIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.first()
        if home is None:
            from ikz.core.services import site_setup

            home = site_setup()
        index = home.add_child(
            instance=LibraryIndexPage(
                title="Wissensdatenbank",
                slug="wissen",
                intro=(
                    "<p>Gesetze, Urteile, Fachliteratur, Checklisten, Muster und Material für die "
                    "Öffentlichkeitsarbeit rund um die interkommunale Zusammenarbeit in NRW.</p>"
                ),
            )
        )
    if not LawIndexPage.objects.exists():
        index.add_child(
            instance=LawIndexPage(
                title="Gesetze und Verordnungen",
                slug="gesetze",
                intro="<p>Rechtsgrundlagen der Zusammenarbeit: EU-, Bundes- und Landesrecht.</p>",
            )
        )
    existing = set(LibraryFolderPage.objects.child_of(index).values_list("slug", flat=True))
    for slug, (title, intro) in FOLDERS.items():
        if slug not in existing:
            index.add_child(instance=LibraryFolderPage(title=title, slug=slug, intro=f"<p>{intro}</p>"))
    return index


def ascii_slug(title: str, max_length: int = 70) -> str:
    """ "Gründung eines Zweckverbands" → "gruendung-eines-zweckverbands" (URLs without percent-escapes)."""
    from ikz.core.text import slugify_de

    return slugify_de(title, max_length=max_length, default="eintrag")


def library_folder(slug: str) -> LibraryFolderPage:
    return LibraryFolderPage.objects.get(slug=slug, depth=LibraryIndexPage.objects.first().depth + 1)
