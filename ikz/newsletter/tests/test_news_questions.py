"""„Neues seit der letzten Ausgabe“ also offers threads of „Kommunen fragen Kommunen“ – only those
the asker made public and the Redaktion did not hide; a members-only or hidden thread never
reaches an edition, not even when it was taken over while it was still public.

Runs on SQLite and PostgreSQL (DATABASE_URL): dates compared and ordered in the database.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms.models import apply_limit_choices_to_to_formfield
from django.urls import reverse
from django.utils import timezone

from ikz.newsletter import services
from ikz.newsletter.mails import edition_render
from ikz.newsletter.models import EditionItem
from ikz.questions import services as questions
from ikz.questions.models import Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def asker(member_factory):
    return member_factory(email="fragt@hueckeswagen.nrw.example", first_name="Frieda", last_name="Frage")


def _ask(user, title, *, public=True, body="Wie haben Sie das geregelt?"):
    return questions.question_create(user=user, title=title, body=body, is_public=public)


def test_public_threads_are_offered_and_taken_over_private_and_hidden_never(
    client, editor, asker, edition_factory, faq_page_factory
):
    old = _ask(asker, "Alte öffentliche Frage vor Ausgabe 1?")
    Question.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=90))
    edition_factory("Ausgabe 1")
    public = _ask(asker, "Wie teilen zwei Gemeinden die Kosten eines Bauhofs?")
    private = _ask(asker, "Nur für Mitglieder: Personalkosten im Standesamt?", public=False)
    hidden = _ask(asker, "Ausgeblendete öffentliche Frage?")
    questions.question_hide(question=hidden, by=editor)
    faq = faq_page_factory("Neue FAQ nach Ausgabe 1?")
    draft = edition_factory("Ausgabe 2", publish=False)

    client.force_login(editor)
    url = reverse("newsletter_edition_pull", args=[draft.pk])
    offered = client.get(url).text
    assert public.title in offered and faq.title in offered
    assert "Frage aus „Kommunen fragen Kommunen“" in offered
    for absent in (private, hidden, old):
        assert absent.title not in offered

    client.post(url)
    draft.refresh_from_db()
    latest = draft.get_latest_revision_as_object()
    assert [item.question_id for item in latest.items.all() if item.question_id] == [public.pk]
    assert [item.page_id for item in latest.items.all() if item.page_id] == [faq.pk]
    # pulling again adds nothing twice
    client.post(url)
    draft.refresh_from_db()
    latest = draft.get_latest_revision_as_object()
    assert len([i for i in latest.items.all() if i.question_id]) == 1

    latest.save_revision().publish()
    draft.refresh_from_db()
    text, html = edition_render(edition=draft)
    assert public.title in text and f"/fragen/{public.pk}/" in text and "Wie haben Sie das geregelt?" in text
    assert public.title in html
    assert private.title not in text + html and hidden.title not in text + html
    assert public.title in client.get(draft.url).text

    # the asker makes the thread members-only after it was taken over: gone from mail and archive
    Question.objects.filter(pk=public.pk).update(is_public=False)
    text, html = edition_render(edition=draft)
    assert public.title not in text + html
    client.logout()
    assert public.title not in client.get(draft.url).text


def test_newest_threads_first_and_only_those_since_the_last_edition(asker, edition_factory):
    edition_factory("Ausgabe 1")
    first = _ask(asker, "Erste Frage?")
    second = _ask(asker, "Zweite Frage?")
    Question.objects.filter(pk=first.pk).update(created_at=timezone.now() + datetime.timedelta(minutes=5))
    draft = edition_factory("Ausgabe 2", publish=False)
    assert services.questions_public_since(edition=draft) == [first, second]
    rows = services.news_since(edition=draft)
    assert [row["question"] for row in rows] == [first, second]


def test_an_item_is_a_page_or_a_thread(edition_factory, asker, faq_page_factory):
    edition = edition_factory("Ausgabe 3")
    thread = _ask(asker, "Öffentliche Frage?")
    with pytest.raises(ValidationError, match="entweder eine Seite oder eine Frage"):
        EditionItem(edition=edition, page=faq_page_factory("FAQ?"), question=thread).full_clean()
    with pytest.raises(ValidationError, match="entweder eine Seite oder eine Frage"):
        EditionItem(edition=edition).clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionItem.objects.create(edition=edition)
    # the chooser in the edition's form offers public threads only
    private = _ask(asker, "Private Frage?", public=False)
    formfield = EditionItem._meta.get_field("question").formfield()
    apply_limit_choices_to_to_formfield(formfield)
    choices = formfield.queryset
    assert thread in choices and private not in choices
