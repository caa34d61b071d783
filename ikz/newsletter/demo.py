"""Demo content of the newsletter: the index at /newsletter/ with one example edition."""

from django.db import transaction

from .models import NewsletterEditionPage, NewsletterIndexPage


@transaction.atomic
def newsletter_index_ensure(*, home) -> NewsletterIndexPage:
    index = NewsletterIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=NewsletterIndexPage(
                title="Newsletter",
                slug="newsletter",
                intro="Neues aus der Wissensdatenbank, neue Kooperationsprojekte und Antworten der Hotline – "
                "etwa einmal im Monat per E-Mail.",
            )
        )
    return index


@transaction.atomic
def newsletter_demo_setup(*, home) -> NewsletterIndexPage:
    index = newsletter_index_ensure(home=home)
    if not NewsletterEditionPage.objects.exists():
        edition = NewsletterEditionPage(
            title="Beispiel: Newsletter Nr. 1",
            slug="ausgabe-1",
            intro="<p>Beispielausgabe: Willkommen beim Newsletter des IKZ-Portals NRW.</p>",
        )
        index.add_child(instance=edition)
        edition.save_revision().publish()
    return index
