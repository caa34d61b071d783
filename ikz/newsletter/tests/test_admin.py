"""Editions in the admin: pull in what is new, preview mail as HTML/text, send and see progress."""

import pytest
from django.urls import reverse

from ikz.newsletter.models import Delivery, EditionItem

pytestmark = pytest.mark.django_db


def test_pull_in_pages_published_since_the_last_edition(client, editor, edition_factory, faq_page_factory):
    edition_factory("Ausgabe 1")
    faq = faq_page_factory("Neue Frage nach Ausgabe 1?")
    draft = edition_factory("Ausgabe 2", publish=False)
    client.force_login(editor)
    url = reverse("newsletter_edition_pull", args=[draft.pk])
    assert faq.title in client.get(url).text
    client.post(url)
    draft.refresh_from_db()
    latest = draft.get_latest_revision_as_object()
    titles = [item.page.title for item in latest.items.all()]
    assert faq.title in titles and "Ausgabe 1" not in titles and "Häufige Fragen" not in titles


def test_preview_as_html_and_text_and_send_with_progress(
    client,
    editor,
    edition_factory,
    faq_page_factory,
    subscriber_factory,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    faq = faq_page_factory("Was ist neu?")
    edition = edition_factory("Ausgabe Juni")
    EditionItem.objects.create(edition=edition, page=faq, teaser="Eine neue Antwort.")
    subscriber_factory(3)
    client.force_login(editor)
    html = client.get(reverse("newsletter_edition_preview", args=[edition.pk, "mail_html"]))
    text = client.get(reverse("newsletter_edition_preview", args=[edition.pk, "mail_text"]))
    assert "<h1" in html.text and "Was ist neu?" in html.text
    assert text["Content-Type"].startswith("text/plain") and "Eine neue Antwort." in text.text
    assert "abbestellen" in text.text

    url = reverse("newsletter_edition_dispatch", args=[edition.pk])
    assert "an 3 Personen mit bestätigtem Abonnement" in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "send"})
    smtp_server.wait_for(3)
    page = client.get(url).text
    assert 'data-status="sent">3<' in page and 'data-status="pending">0<' in page
    assert Delivery.objects.filter(edition=edition).count() == 3


def test_members_cannot_open_newsletter_admin(client, member, edition_factory):
    edition = edition_factory()
    client.force_login(member)
    for url in (reverse("newsletter_edition_dispatch", args=[edition.pk]), "/admin/newsletter/abonnements/"):
        response = client.get(url)
        assert response.status_code in (302, 403)


def test_edition_edit_view_offers_pull_and_dispatch(client, editor, edition_factory):
    edition = edition_factory()
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[edition.pk]))
    assert response.status_code == 200
    assert reverse("newsletter_edition_dispatch", args=[edition.pk]) in response.text
    assert reverse("newsletter_edition_pull", args=[edition.pk]) in response.text


def test_topics_narrow_the_recipients(edition_factory, subscriber_factory):
    from ikz.core.taxonomy import TaskArea
    from ikz.newsletter.selectors import recipients_for

    it, umwelt = (TaskArea.objects.create(name=n, slug=f"{n.lower()}-nl") for n in ("IT", "Umwelt"))
    everyone, it_only, umwelt_only = subscriber_factory(3)
    it_only.topics.add(it)
    umwelt_only.topics.add(umwelt)
    edition = edition_factory()
    assert set(recipients_for(edition=edition)) == {everyone, it_only, umwelt_only}
    edition.task_areas.add(it)
    edition.save()
    assert set(recipients_for(edition=edition)) == {everyone, it_only}


def test_editor_sees_the_record_lists(client, editor):
    client.force_login(editor)
    for prefix in ("abonnements", "einwilligungen", "zustellungen"):
        response = client.get(f"/admin/newsletter/{prefix}/")
        assert response.status_code == 200, prefix


def test_the_first_edition_offers_published_pages_not_undated_ones(
    client, editor, edition_factory, faq_page_factory, faq_index
):
    """Without an earlier edition every published page is new – but pages that never went through
    publishing (imported laws, set-up pages) are not news; on PostgreSQL their NULL dates would
    otherwise come first and push the real news out."""
    from ikz.faq.models import FAQPage

    for n in range(12):
        faq_index.add_child(instance=FAQPage(title=f"Importiert {n}", answer="<p>x</p>", live=True))
    faq = faq_page_factory("Wirklich neue Frage?")
    draft = edition_factory("Erste Ausgabe", publish=False)
    client.force_login(editor)
    text = client.get(reverse("newsletter_edition_pull", args=[draft.pk])).text
    assert faq.title in text and "Importiert" not in text
