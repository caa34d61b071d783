"""The dashboard shows the Redaktion's queues – counts and links – to those who may work on them,
and admin listings say "ja"/"nein" instead of Python's True/False."""

import datetime
import re

import pytest
from django.utils import timezone

from ikz.core.outbox import MailStatus, OutgoingMail

pytestmark = pytest.mark.django_db


def _rows(html: str) -> dict[str, str]:
    """Queue label → count cell text, read from the rendered panel."""
    panel = html.split('id="redaktion-queues-section"', 1)[1].split("</table>", 1)[0]
    found = re.findall(r'<a href="([^"]+)">([^<]+)</a></td>\s*<td data-queue-count>(.*?)</td>', panel, re.S)
    return {label: (re.sub(r"<[^>]+>", "", count).strip(), url) for url, label, count in found}


@pytest.fixture
def queues(member_factory, user_factory, municipality_factory, project_factory, inquiry_factory, smtp_server):
    from ikz.accounts.models import Membership, MembershipStatus
    from ikz.hotline.models import Inquiry
    from ikz.projects.models import ModerationStatus, Project

    home = municipality_factory("05374016")
    for email in ["neu1@kommune.nrw.example", "neu2@kommune.nrw.example"]:
        Membership.objects.create(
            user=user_factory(email=email), municipality=home, status=MembershipStatus.REQUESTED
        )
    member_factory(municipality=home, email="schon-da@kommune.nrw.example")  # confirmed: not in the queue
    waiting = project_factory(title="Gemeinsames Standesamt", municipalities=[home], live=False)
    Project.objects.filter(pk=waiting.pk).update(moderation_status=ModerationStatus.SUBMITTED)
    project_factory(title="Schon freigegeben", municipalities=[home])
    old = inquiry_factory(subject="Alte Frage")
    inquiry_factory(subject="Neue Frage")
    Inquiry.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=21))
    for status in [MailStatus.FAILED, MailStatus.FAILED, MailStatus.FAILED, MailStatus.SENT]:
        OutgoingMail.objects.create(
            purpose="test", to=["x@kommune.nrw.example"], subject="Test", status=status
        )


def test_editor_sees_every_queue_with_its_count_and_link(client, editor, queues):
    client.force_login(editor)
    rows = _rows(client.get("/admin/").content.decode())
    assert rows == {
        "Offene Anträge auf Mitgliedschaft": ("2", "/admin/mitgliedschaften/?status=requested"),
        "Projekte, die auf Prüfung warten": ("1", "/admin/projektpruefung/"),
        "Offene Hotline-Anfragen": ("2", "/admin/hotline/"),
        "Überfällige Hotline-Anfragen": ("1", "/admin/hotline/"),
        "Nicht zugestellte E-Mails": ("3", "/admin/email-zustellung/?status=failed"),
    }
    for _count, url in rows.values():  # every link leads to a page the editor may open
        assert client.get(url).status_code == 200, url


def test_empty_queues_say_keine(client, editor, roles):
    client.force_login(editor)
    rows = _rows(client.get("/admin/").content.decode())
    assert rows["Offene Anträge auf Mitgliedschaft"][0] == "keine"
    assert rows["Nicht zugestellte E-Mails"][0] == "keine"


def test_queues_only_for_those_with_the_permission(client, user_factory, queues):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Nur Mitgliedschaften")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="change_membership")
    )
    clerk = user_factory(email="sachbearbeitung@kommune.nrw.example", is_staff=True)
    clerk.groups.add(group)
    client.force_login(clerk)
    rows = _rows(client.get("/admin/").content.decode())
    assert list(rows) == ["Offene Anträge auf Mitgliedschaft"]

    group.permissions.remove(Permission.objects.get(codename="change_membership"))
    client.force_login(user_factory(email="nur-zugang@kommune.nrw.example", groups=[group.name]))
    html = client.get("/admin/").content.decode()
    assert 'id="redaktion-queues-section"' not in html  # nothing to act on: no panel at all


def test_boolean_list_columns_read_ja_and_nein(client, editor, queues):
    client.force_login(editor)
    html = client.get("/admin/hotline/").content.decode()  # column "überfällig": one old, one new inquiry
    cells = [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]
    assert cells.count("ja") == 1 and cells.count("nein") == 1
    assert "True" not in cells and "False" not in cells


def test_admin_shows_no_gravatar(client, editor):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "gravatar" not in html.lower()  # a hashed address would go to a third party
    assert "default-user-avatar" in html  # Wagtail's own placeholder instead
