"""The Redaktion's edit form of an event: opened and saved unchanged, nothing changes – above all
not the times (Europe/Berlin in the form, UTC in the database) across a change of summer time."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.browser_form import as_post_data, find_form, form_fields

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def _state(event) -> dict:
    event.refresh_from_db()
    draft = event.get_latest_revision_as_object()
    fields = [
        "title", "slug", "start", "end", "registration_deadline", "format", "venue", "address", "online_url",
        "online_note", "capacity", "intro", "body", "recording_url", "search_description",
    ]  # fmt: skip
    return {
        "row": {name: getattr(event, name) for name in fields},
        "draft": {name: getattr(draft, name) for name in fields},
        "task_areas": sorted(t.slug for t in draft.task_areas.all()),
        "speakers": [(s.name, s.affiliation) for s in draft.speakers.all()],
        "materials": [(m.title, m.document_id) for m in draft.materials.all()],
    }


def test_event_edit_form_round_trip(client, editor, event_factory):
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    from ikz.core.taxonomy import TaskArea
    from ikz.events.models import EventMaterial, EventSpeaker

    document = get_document_model().objects.create(
        title="Folien", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="folien.pdf"),
        collection=Collection.get_first_root_node(),
    )  # fmt: skip
    event = event_factory(
        "Fachtag „Gemeinsamer Bauhof“",
        start=datetime(2031, 10, 26, 1, 30, tzinfo=BERLIN),  # the night summer time ends
        end=datetime(2031, 10, 26, 16, 0, tzinfo=BERLIN),
        registration_deadline=datetime(2031, 3, 30, 12, 0, tzinfo=BERLIN),
        format="hybrid",
        venue="Rathaus, Saal 1",
        address="Markt 1\n42499 Hückeswagen",
        online_note="Kenncode 4711\nEinwahl ab 9:45",
        capacity=40,
        intro="Erfahrungen & Zahlen (< 5 Fahrzeuge)\nmit Zeilenumbruch",
        body='<p data-block-key="a1b2c">Programm mit <b>Pause</b>.</p>',
        recording_url="https://video.example/bauhof",
        publish=False,
    )
    event.task_areas.set(TaskArea.objects.filter(slug__in=["verwaltung", "bauen-planen"]))
    event.speakers.add(EventSpeaker(name="Dr. Beispiel", affiliation="Bauhof, Stadt X"))
    event.materials.add(EventMaterial(title="Folien", document=document))
    event.save_revision().publish()
    before = _state(event)
    assert before["row"]["start"] == datetime(2031, 10, 26, 1, 30, tzinfo=BERLIN)

    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    page = client.get(url)
    assert page.status_code == 200
    pairs = form_fields(find_form(page.content.decode(), having="title"), submitter="action-publish")
    response = client.post(url, as_post_data(pairs))
    assert response.status_code == 302, response.content.decode()[:3000]
    after = _state(event)
    for part in ("row", "draft"):
        changed = {
            k: (before[part][k], after[part][k]) for k in before[part] if before[part][k] != after[part][k]
        }
        assert not changed, (part, changed)
    assert after == before
