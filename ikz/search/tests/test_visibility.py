"""Withdrawn or restricted content leaves the search at once: for every kind the registry indexes,
publish → findable, then each change of publication state or privacy → its title, URL and snippet
are gone from /suche/, /api/v1/search and the suggestions.

The kinds come from the registry itself: a kind registered without a maker here fails the test
(`test_every_indexed_kind_is_covered`), so a new kind cannot join the search untested.
"""

import datetime
import itertools

import pytest
from django.db import models
from django.urls import reverse

from ikz.search.registry import adapters

pytestmark = pytest.mark.django_db

WORD = "Quarzwiesental"  # made up: found only where the test put it
TITLE = f"Kooperation {WORD}"
BODY = f"Im {WORD} betreiben zwei Gemeinden den Winterdienst gemeinsam."
_slugs = itertools.count(1)

PAGE_ACTIONS = ["unpublish", "restrict", "restrict_ancestor", "delete", "move_under_restricted", "expire"]
SECTION_ACTIONS = ["section_unpublish", "section_delete", *PAGE_ACTIONS]  # page actions: on its law
PROJECT_ACTIONS = ["project_unpublish", "project_delete", "project_expire"]
MUNICIPALITY_ACTIONS = ["municipality_delete"]  # the register is public; a Körperschaft only goes away
QUESTION_ACTIONS = [
    "question_private",
    "question_hide",
    "question_delete",
]  # ikz/questions/tests/search_cases.py
CONTACT_ACTIONS = ["contact_unpublish", "contact_delete"]  # ikz/contacts/tests/search_cases.py


def _value_for(field: models.Field):
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.DateTimeField):
        return datetime.datetime(2024, 5, 1, 10, 0, tzinfo=datetime.UTC)
    if isinstance(field, models.DateField):
        return datetime.date(2024, 5, 1)
    if isinstance(field, models.URLField):
        return "https://example.org/"
    if isinstance(field, models.CharField | models.TextField):
        text = BODY if isinstance(field, models.TextField) or (field.max_length or 0) >= len(BODY) else WORD
        return text[: field.max_length] if field.max_length else text
    return None


def _new_page(model, parent, title: str, *, live: bool = True, marked: bool = True):
    """A page of any type, every required field and every searchable text field filled (with the
    marked text, or a neutral one)."""
    from django.core.validators import MaxLengthValidator
    from wagtail.models import Page

    searchable = {getattr(f, "field_name", None) for f in getattr(model, "search_fields", [])}
    values = {}
    for field in model._meta.concrete_fields:
        if (
            field.model in (Page,)
            or field.primary_key
            or field.is_relation
            or field.name in ("title", "slug")
        ):
            continue
        checked = any(not isinstance(v, MaxLengthValidator) for v in field.validators)  # ECLI, Aktenzeichen
        if (not field.blank or (field.name in searchable and not checked)) and not field.has_default():
            value = _value_for(field)
            if not marked and isinstance(value, str):
                value = "Text"
            if value is not None:
                values[field.name] = value
    # Fields a page type demands only in its clean() (blank in the model, required by a rule)
    # are named by the ValidationError: fill those and try again.
    from django.core.exceptions import ValidationError

    for _attempt in range(3):
        page = model(title=title, slug=f"seite-{next(_slugs)}", **values)
        try:
            parent.add_child(instance=page)
            break
        except ValidationError as exc:
            missing = {
                name: _value_for(model._meta.get_field(name))
                for name in exc.message_dict
                if name not in values and name != "__all__"
            }
            missing = {name: value for name, value in missing.items() if value is not None}
            if not missing:
                raise
            values.update(missing)
            parent.refresh_from_db()
    if live:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def _parent_for(model, fixtures):
    from wagtail.models import Page

    candidates = model.allowed_parent_page_models()
    for parent_model in candidates:
        if parent_model is Page:
            return fixtures["home"]
        found = parent_model.objects.first()
        if found is not None:
            return found
    # No page of a parent type exists yet (a new section of the portal has no fixture of its
    # index page): build the chain of parents down from the home page, so that every kind a later
    # issue registers is covered without a fixture of its own.
    for parent_model in candidates:
        if parent_model.allowed_parent_page_models():
            return _new_page(parent_model, _parent_for(parent_model, fixtures), "Übersicht", marked=False)
    raise AssertionError(f"no parent for {model.__name__}")


@pytest.fixture
def tree(home_page, library_index, faq_index, newsletter_index):
    return {"home": home_page}


def _make(source: str, tree, project_factory):
    """(object, page whose state the page actions change)."""
    adapter = adapters()[source]
    if source == "municipalities.municipality":
        from ikz.municipalities.names import search_text

        municipality = adapter.model.objects.create(
            ags="05999001", name=TITLE, short_name=TITLE, level="gemeinde", type="Gemeinde",
            regierungsbezirk="Köln", search_text=search_text(TITLE),
        )  # fmt: skip
        return municipality, None
    if source == "questions.question":
        from ikz.questions.tests import search_cases

        return search_cases.make(TITLE, BODY), None
    if source == "contacts.contact":
        from ikz.contacts.tests import search_cases as contact_cases

        return contact_cases.make(TITLE, BODY), None
    if source == "projects.project":
        project = project_factory(title=TITLE, summary=BODY, live=False)
        project.save_revision().publish()
        project.refresh_from_db()
        return project, None
    if adapter.owner_page:
        owner_model = adapter.owner_model()
        law = _new_page(owner_model, _parent_for(owner_model, tree), "Gesetz über das Testen", marked=False)
        section = adapter.model(
            law=law, label="§ 1", slug="p1", heading=TITLE, body=BODY, external_id="test:quarz:1", live=True
        )
        section.save()
        return section, law
    page = _new_page(adapter.model, _parent_for(adapter.model, tree), TITLE)
    return page, page


def _restricted_copy_of_parent(page):
    """A new page of the same type as page's parent, beside it and behind a login."""
    from wagtail.models import PageViewRestriction

    parent = page.get_parent().specific
    container = _new_page(type(parent), parent.get_parent(), "Interner Bereich")
    PageViewRestriction.objects.create(page=container, restriction_type=PageViewRestriction.LOGIN)
    return container


def _act(action: str, obj, page) -> None:
    from wagtail.models import PageViewRestriction

    if action == "unpublish":
        page.unpublish()
    elif action == "restrict":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif action == "restrict_ancestor":
        PageViewRestriction.objects.create(
            page=page.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
    elif action == "delete":
        page.delete()
    elif action == "move_under_restricted":
        page.move(_restricted_copy_of_parent(page), pos="last-child")
    elif action == "expire":
        # What `publish_scheduled` does when expire_at has passed.
        page.expire_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
        page.save()
        from django.core.management import call_command

        call_command("publish_scheduled")
    elif action == "section_unpublish":
        obj.unpublish()
    elif action in ("section_delete", "municipality_delete"):
        obj.delete()
    elif action.startswith("question_"):
        from ikz.questions.tests import search_cases

        search_cases.act(action, obj)
    elif action.startswith("contact_"):
        from ikz.contacts.tests import search_cases as contact_cases

        contact_cases.act(action, obj)
    elif action == "members_only":  # a library entry set to „nur für Mitglieder“ (decision 0021)
        page.members_only = True
        page.save_revision().publish()
    elif action == "project_unpublish":
        obj.unpublish()
    elif action == "project_delete":
        obj.delete()
    elif action == "project_expire":
        obj.expire_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
        obj.save()
        from django.core.management import call_command

        call_command("publish_scheduled")
    else:
        raise AssertionError(action)


def _responses(client) -> dict[str, str]:
    return {
        "Suche": client.get(reverse("search:page"), {"q": WORD}).content.decode(),
        "API": client.get("/api/v1/search", {"q": WORD}).content.decode(),
        "Vorschläge": client.get(reverse("search:suggest"), {"q": WORD[:7]}).content.decode(),
    }


def _cases():
    for source in adapters():
        actions = (
            QUESTION_ACTIONS
            if source == "questions.question"
            else CONTACT_ACTIONS
            if source == "contacts.contact"
            else MUNICIPALITY_ACTIONS
            if source == "municipalities.municipality"
            else PROJECT_ACTIONS
            if source == "projects.project"
            else SECTION_ACTIONS
            if adapters()[source].owner_page
            else PAGE_ACTIONS
            + (["members_only"] if hasattr(adapters()[source].model, "members_only") else [])
        )
        for action in actions:
            yield pytest.param(source, action, id=f"{source}-{action}")


@pytest.mark.parametrize(("source", "action"), list(_cases()))
def test_withdrawn_or_restricted_content_leaves_the_search(
    client, tree, project_factory, django_capture_on_commit_callbacks, source, action
):
    from ikz.search.models import SearchDocument

    with django_capture_on_commit_callbacks(execute=True):
        obj, page = _make(source, tree, project_factory)
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None
    url = url or (f"{page.url}{obj.slug}/" if page is not None and page.pk != obj.pk else obj.url)
    before = _responses(client)
    for where, text in before.items():
        if where == "Vorschläge":
            assert WORD in text, f"{source}: not suggested before the change"
        else:
            assert TITLE in text and url in text, f"{source}: not findable on {where} before the change"
    if "zwei Gemeinden" in SearchDocument.objects.get(source=source, object_id=str(obj.pk)).body:
        assert "zwei Gemeinden" in before["Suche"]  # the snippet

    with django_capture_on_commit_callbacks(execute=True):
        _act(action, obj, page)

    # The index itself follows (the results are also checked again, see below).
    assert not SearchDocument.objects.filter(source=source, object_id=str(obj.pk)).exists()
    after = _responses(client)
    for where, text in after.items():
        assert TITLE not in text, f"{source} after {action}: title still on {where}"
        assert url not in text, f"{source} after {action}: URL still on {where}"
        assert "zwei Gemeinden" not in text, f"{source} after {action}: snippet still on {where}"
    labels = [
        s["label"] for s in client.get(reverse("search:suggest"), {"q": WORD[:7]}).json()["suggestions"]
    ]
    assert not [label for label in labels if WORD.lower() in label.lower()], "still suggested"


def test_every_indexed_kind_is_covered(tree, project_factory, django_capture_on_commit_callbacks):
    """Every registered kind can be made here and is findable – so the test above covers it."""
    from ikz.search.models import SearchDocument

    for source in adapters():
        with django_capture_on_commit_callbacks(execute=True):
            obj, _page = _make(source, tree, project_factory)
        assert SearchDocument.objects.filter(source=source, object_id=str(obj.pk)).exists(), source


@pytest.mark.parametrize("change", ["unpublish_quietly", "restrict_quietly", "delete_quietly"])
def test_results_are_checked_again_when_the_index_missed_a_change(
    client, tree, project_factory, django_capture_on_commit_callbacks, change
):
    """Second line of defence: a change that sent no signal (a bulk update, a raw import, a task
    that has not run yet) still hides the entry, although the index holds it."""
    from wagtail.models import Page, PageViewRestriction

    from ikz.search.models import SearchDocument

    with django_capture_on_commit_callbacks(execute=True):
        page, _ = _make("faq.faqpage", tree, project_factory)
    if change == "unpublish_quietly":
        Page.objects.filter(pk=page.pk).update(live=False)
    elif change == "restrict_quietly":
        PageViewRestriction.objects.bulk_create(
            [PageViewRestriction(page=page.get_parent(), restriction_type="login")]
        )
    else:
        Page.objects.filter(pk=page.pk).update(expired=True)
    assert SearchDocument.objects.filter(source="faq.faqpage", object_id=str(page.pk)).exists()
    for where, text in _responses(client).items():
        assert TITLE not in text and page.url not in text, f"still on {where}"


def test_a_published_project_with_a_pending_edit_stays_findable(
    client, project_factory, member, django_capture_on_commit_callbacks
):
    from ikz.projects.services import project_submit

    with django_capture_on_commit_callbacks(execute=True):
        town = member.memberships.first().municipality
        project = project_factory(
            title=TITLE, summary=BODY, live=False, created_by=member, municipalities=[town]
        )
        project.save_revision().publish()
        project.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        project.summary = "Eine neue Fassung, noch nicht freigegeben."
        project.save_revision(user=member, clean=False)
        project_submit(project=project, user=member)
    project.refresh_from_db()
    assert project.live and project.moderation_status == "submitted"
    assert TITLE in _responses(client)["Suche"]


def test_words_of_a_withdrawn_or_renamed_entry_are_no_longer_offered():
    """Typo correction and completion words follow the documents: a withdrawn project's name is
    not completed, a renamed entry's old title neither; a word another entry still has stays."""
    from ikz.search.analysis import fold
    from ikz.search.documents import IndexEntry
    from ikz.search.indexing import delete_entry, index_entry
    from ikz.search.models import SearchWord

    index_entry(IndexEntry("test.x", "1", "project", f"Bauhof {WORD}"))
    index_entry(IndexEntry("test.x", "2", "project", "Bauhof Nordtal"))
    index_entry(IndexEntry("test.x", "3", "project", "Zwergenwiese"))
    assert SearchWord.objects.filter(word__in=[fold(WORD), "bauhof", "zwergenwiese"]).count() == 3
    delete_entry("test.x", "1")
    assert not SearchWord.objects.filter(word=fold(WORD)).exists()
    assert SearchWord.objects.filter(word="bauhof").exists()  # entry 2 still has it
    index_entry(IndexEntry("test.x", "3", "project", "Kleingartenverein"))
    assert not SearchWord.objects.filter(word="zwergenwiese").exists()
    assert SearchWord.objects.filter(word="kleingartenverein").exists()
