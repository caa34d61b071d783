import pytest

from ikz.accounts.models import Membership, MembershipStatus
from ikz.accounts.roles import ROLE_MEMBER

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests(user_factory, municipality_factory):
    first = Membership.objects.create(
        user=user_factory(email="eins@kommune.nrw.example", first_name="Anna", last_name="Antrag"),
        municipality=municipality_factory("05374016"),
    )
    second = Membership.objects.create(
        user=user_factory(email="zwei@kommune.nrw.example", first_name="Bernd", last_name="Bestätigt"),
        municipality=municipality_factory("05111000"),
        status=MembershipStatus.CONFIRMED,
    )
    return first, second


def test_list_filters_by_status_and_menu_counts_pending(client, home_page, editor, requests):
    client.force_login(editor)
    html = client.get("/admin/mitgliedschaften/").content.decode()
    assert "Anna Antrag" in html and "Bernd Bestätigt" in html
    assert "Bestätigen oder ablehnen" in html
    html = client.get("/admin/mitgliedschaften/?status=requested").content.decode()
    assert "Anna Antrag" in html and "Bernd Bestätigt" not in html
    assert "Mitgliedschaften (1 offen)" in client.get("/admin/").content.decode()


def test_editor_rejects_with_reason(client, home_page, editor, requests, smtp_server):
    pending, _ = requests
    client.force_login(editor)
    page = client.get(f"/admin/mitgliedschaften/edit/{pending.pk}/").content.decode()
    assert "Mitgliedschaft bestätigen" in page and "Antrag ablehnen" in page and "05374016" in page
    response = client.post(
        f"/admin/mitgliedschaften/edit/{pending.pk}/", {"action": "reject", "reason": "Keine Beschäftigung."}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.REJECTED and pending.reason == "Keine Beschäftigung."
    assert not pending.user.groups.filter(name=ROLE_MEMBER).exists()
    smtp_server.wait_for(1)
    assert "Keine Beschäftigung." in smtp_server.body(smtp_server.to(pending.user.email)[0])

    # Decided requests can be looked at, not decided again.
    page = client.get(f"/admin/mitgliedschaften/edit/{pending.pk}/").content.decode()
    assert "Über diesen Antrag ist entschieden." in page
    client.post(f"/admin/mitgliedschaften/edit/{pending.pk}/", {"action": "confirm"})
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.REJECTED


def test_editor_cannot_add_or_delete_memberships(client, home_page, editor, requests):
    pending, _ = requests
    client.force_login(editor)
    assert client.get("/admin/mitgliedschaften/new/").status_code != 200
    client.post(f"/admin/mitgliedschaften/delete/{pending.pk}/")
    assert Membership.objects.filter(pk=pending.pk).exists()
