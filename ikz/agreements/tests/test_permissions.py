"""Every action on drafts × (Leitung, Mitwirkende, member of a partner not invited, member elsewhere,
Redaktion not invited, anonymous). Outsiders get 404 – as for a key that does not exist."""

import pytest
from django.urls import reverse

from ikz.agreements.drafting import draft_values
from ikz.agreements.models import Draft, DraftVersion

pytestmark = pytest.mark.django_db


def _actions(draft):
    key, pk = draft.workshop.key, draft.pk
    base = draft_values(draft)
    save = {**base, **{f"base_{k}": v for k, v in base.items()}, "seat": "Geändert"}
    return [
        ("list", "get", reverse("workshop:agreements:list", args=[key]), {}),
        ("create", "post", reverse("workshop:agreements:list", args=[key]), {"kind": "vertrag"}),
        ("detail", "get", reverse("workshop:agreements:detail", args=[key, pk]), {}),
        ("save", "post", reverse("workshop:agreements:detail", args=[key, pk]), save),
        ("versions", "get", reverse("workshop:agreements:versions", args=[key, pk]), {"a": "1", "b": "1"}),
        *[(f"download-{fmt}", "get", reverse("workshop:agreements:download", args=[key, pk, fmt]), {})
          for fmt in ("docx", "odt", "pdf")],
    ]  # fmt: skip


@pytest.fixture
def people(lead, add_member, member_factory, municipality_factory, editor):
    return {
        "lead": lambda draft: lead,
        "contributor": lambda draft: add_member(
            draft.workshop, member_factory(municipality=municipality_factory("05374020"), email="mit@lindlar.nrw.example")
        ).user,
        # a member of a partner Körperschaft who was not invited
        "partner_member": lambda draft: member_factory(municipality=municipality_factory("05374020"),
                                                       email="nicht-eingeladen@lindlar.nrw.example"),
        "other_member": lambda draft: member_factory(municipality=municipality_factory("05111000")),
        "editor": lambda draft: editor,
        "invited_editor": lambda draft: add_member(draft.workshop, editor).user,
    }  # fmt: skip


@pytest.mark.parametrize("who", ["lead", "contributor", "invited_editor"])
def test_members_of_the_werkstatt_may_do_everything(client, draft_factory, people, who):
    draft = draft_factory("satzung")
    client.force_login(people[who](draft))
    expected = {"create": 302, "save": 302, "versions": 400}
    for name, method, url, data in _actions(draft):
        response = getattr(client, method)(url, data)
        assert response.status_code == expected.get(name, 200), (who, name, response.status_code)
    stored = Draft.objects.get(pk=draft.pk)
    assert stored.seat == "Geändert" and stored.version == 2
    assert Draft.objects.filter(workshop=draft.workshop, kind="vertrag").exists()


@pytest.mark.parametrize("who", ["partner_member", "other_member", "editor"])
def test_everyone_outside_gets_404_for_every_action(client, draft_factory, people, who):
    draft = draft_factory("satzung")
    client.force_login(people[who](draft))
    for name, method, url, data in _actions(draft):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (who, name, response.status_code)
    assert Draft.objects.count() == 1 and DraftVersion.objects.count() == 1
    assert Draft.objects.get().seat == "Hückeswagen"


def test_anonymous_visitors_are_sent_to_the_login(client, draft_factory):
    draft = draft_factory("satzung")
    for name, method, url, data in _actions(draft):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:login")), name
    assert Draft.objects.count() == 1 and Draft.objects.get().seat == "Hückeswagen"


def test_a_draft_of_another_werkstatt_is_not_reachable_through_ones_own(
    client, draft_factory, workshop_factory, lead
):
    draft = draft_factory("satzung")
    mine = workshop_factory(title="Meine andere Werkstatt")
    client.force_login(lead)
    assert client.get(reverse("workshop:agreements:detail", args=[mine.key, draft.pk])).status_code == 404
    assert (
        client.get(reverse("workshop:agreements:download", args=[mine.key, draft.pk, "pdf"])).status_code
        == 404
    )


def test_a_removed_member_loses_access_at_once(client, draft_factory, people, lead):
    from ikz.workshop import services as workshop_services

    draft = draft_factory("satzung")
    contributor = people["contributor"](draft)
    client.force_login(contributor)
    url = reverse("workshop:agreements:detail", args=[draft.workshop.key, draft.pk])
    assert client.get(url).status_code == 200
    workshop_services.member_remove(
        workshop=draft.workshop, by=lead, member=draft.workshop.members.get(user=contributor)
    )
    assert client.get(url).status_code == 404


def test_an_archived_werkstatt_is_read_only(client, draft_factory, lead):
    from ikz.workshop import services as workshop_services

    draft = draft_factory("satzung")
    workshop_services.workshop_archive(workshop=draft.workshop, by=lead)
    client.force_login(lead)
    for name, method, url, data in _actions(draft):
        response = getattr(client, method)(url, data)
        expected = {"create": 302, "save": 409, "versions": 400}.get(name, 200)
        assert response.status_code == expected, (name, response.status_code)
    assert Draft.objects.count() == 1 and DraftVersion.objects.count() == 1
    assert Draft.objects.get().seat == "Hückeswagen"
    html = client.get(
        reverse("workshop:agreements:detail", args=[draft.workshop.key, draft.pk])
    ).content.decode()
    assert "kann nur noch gelesen und heruntergeladen werden" in html
    assert "Entwurf speichern" not in html
    assert (
        "Entwurf erzeugen"
        not in client.get(reverse("workshop:agreements:list", args=[draft.workshop.key])).content.decode()
    )


def test_pages_are_private_for_the_page_cache(client, draft_factory, lead):
    from ikz.core.pagecache.rules import view_rule

    draft = draft_factory("satzung")
    for name in ("list", "detail", "versions", "download"):
        assert view_rule(f"workshop:agreements:{name}") == "private"
    client.force_login(lead)
    response = client.get(reverse("workshop:agreements:detail", args=[draft.workshop.key, draft.pk]))
    assert "public" not in (response.get("Cache-Control") or "")
