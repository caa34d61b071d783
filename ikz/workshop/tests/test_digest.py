"""E-mail about a Werkstatt's activity: at once (after the commit, through the outbox), as a daily
digest (idempotent, time travel via `now=`), or none; never to the actor; unsubscribe link in each."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ikz.core.tests.test_mail import DB_TASKS, worker_pass
from ikz.workshop import digest, services
from ikz.workshop.models import Activity, Role, WorkshopMember
from ikz.workshop.models_plan import NotificationSetting, NotifyMode


@pytest.fixture
def colleague(member_factory, municipality_factory, workshop, add_member):
    user = member_factory(
        municipality=municipality_factory("05374020"), email="kollegin@lindlar.nrw.example",
        first_name="Karla", last_name="Kollegin",
    )  # fmt: skip
    add_member(workshop, user, Role.CONTRIBUTOR)
    return user


def _member(workshop, user):
    return WorkshopMember.objects.get(workshop=workshop, user=user)


@pytest.mark.django_db(transaction=True)
def test_at_once_mails_after_the_commit_to_others_only(settings, smtp_server, workshop, lead, colleague):
    settings.TASKS = DB_TASKS
    digest.mode_set(member=_member(workshop, lead), mode=NotifyMode.NOW)
    digest.mode_set(member=_member(workshop, colleague), mode=NotifyMode.NOW)
    services.note_create(workshop=workshop, user=colleague, kind="notiz", title="Termin Rat", text="")
    assert not smtp_server.messages  # queued in the outbox, sent by the worker
    worker_pass()
    mails = smtp_server.wait_for(1)
    assert len(mails) == 1
    mail = mails[0]
    assert "leitung@hueckeswagen.nrw.example" in str(mail["To"])  # never to the actor herself
    body = smtp_server.body(mail)
    assert "Karla Kollegin hat „Termin Rat“ angelegt" in body
    assert "Gemeinsamer Bauhof" in mail["Subject"]
    link = re.search(r"https?://[^\s]+/werkstatt/abmelden/[^\s/]+/", body).group(0)
    path = "/" + link.split("/", 3)[3]
    # The link works without login; opening it changes nothing, the POST switches mails off.
    from django.test import Client

    anonymous = Client()
    assert anonymous.get(path).status_code == 200
    assert digest.mode_of(_member(workshop, lead)) == NotifyMode.NOW
    assert anonymous.post(path).status_code == 200
    assert digest.mode_of(_member(workshop, lead)) == NotifyMode.NONE
    services.note_create(workshop=workshop, user=colleague, kind="notiz", title="Noch eine", text="")
    worker_pass()
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db
def test_daily_digest_with_time_travel_is_idempotent(smtp_server, workshop, lead, colleague):
    day = timezone.now().replace(hour=7, minute=0, second=0, microsecond=0) + timedelta(days=1)
    digest.mode_set(member=_member(workshop, lead), mode=NotifyMode.DAILY, now=day)

    def act(user, summary, at):
        return Activity.objects.create(workshop=workshop, actor=user, kind="plan", summary=summary, at=at)

    act(colleague, "Karla hat den Plan angelegt.", day + timedelta(hours=2))
    act(lead, "Lea hat eine Notiz geändert.", day + timedelta(hours=3))  # her own: not in her digest
    act(colleague, "Karla hat einen Meilenstein erledigt.", day + timedelta(hours=5))
    act(colleague, "Erst morgen.", day + timedelta(days=1, hours=2))

    assert digest.digest_send(now=day + timedelta(days=1)) == 1
    mail = smtp_server.wait_for(1)[0]
    assert "leitung@hueckeswagen.nrw.example" in str(mail["To"])
    body = smtp_server.body(mail)
    assert "Karla hat den Plan angelegt." in body and "Karla hat einen Meilenstein erledigt." in body
    assert "Lea hat eine Notiz geändert." not in body and "Erst morgen." not in body
    assert "2 Änderungen" in mail["Subject"]
    assert "/werkstatt/abmelden/" in body

    # the same day again (a second cron run, a retry): nothing twice
    assert digest.digest_send(now=day + timedelta(days=1)) == 0
    # next day: only what is new
    assert digest.digest_send(now=day + timedelta(days=2)) == 1
    second = smtp_server.wait_for(2)[1]
    assert "Erst morgen." in smtp_server.body(second)
    assert "Karla hat den Plan angelegt." not in smtp_server.body(second)
    # a quiet day sends nothing
    assert digest.digest_send(now=day + timedelta(days=3)) == 0
    assert len(smtp_server.messages) == 2


@pytest.mark.django_db
def test_digest_skips_none_and_at_once_members_and_removed_people(smtp_server, workshop, lead, colleague):
    now = timezone.now()
    digest.mode_set(member=_member(workshop, lead), mode=NotifyMode.NOW, now=now - timedelta(days=1))
    digest.mode_set(member=_member(workshop, colleague), mode=NotifyMode.DAILY, now=now - timedelta(days=1))
    Activity.objects.create(
        workshop=workshop, actor=lead, kind="plan", summary="Neu.", at=now - timedelta(hours=1)
    )
    _member(workshop, colleague).delete()  # removed: the setting goes with the membership
    assert not NotificationSetting.objects.filter(member__user=colleague).exists()
    assert digest.digest_send(now=now) == 0
    assert not smtp_server.messages


@pytest.mark.django_db
def test_switching_to_the_digest_does_not_send_the_history(smtp_server, workshop, lead, colleague):
    now = timezone.now()
    Activity.objects.create(
        workshop=workshop, actor=colleague, kind="plan", summary="Alt.", at=now - timedelta(days=30)
    )
    digest.mode_set(member=_member(workshop, lead), mode=NotifyMode.DAILY, now=now)
    assert digest.digest_send(now=now + timedelta(days=1)) == 0


@pytest.mark.django_db
def test_management_command_sends_the_digest(smtp_server, workshop, lead, colleague, capsys):
    now = timezone.now()
    digest.mode_set(member=_member(workshop, lead), mode=NotifyMode.DAILY, now=now - timedelta(days=1))
    Activity.objects.create(
        workshop=workshop, actor=colleague, kind="plan", summary="Heute.", at=now - timedelta(hours=1)
    )
    call_command("workshop_digest")
    assert "1 Zusammenfassung(en) verschickt." in capsys.readouterr().out
    assert "Heute." in smtp_server.body(smtp_server.wait_for(1)[0])


@pytest.mark.django_db
def test_notification_page_saves_the_choice(client, workshop, colleague):
    client.force_login(colleague)
    url = reverse("workshop:notifications", args=[workshop.key])
    page = client.get(url).content.decode()
    assert "einmal täglich als Zusammenfassung" in page
    assert client.post(url, {"mode": "taeglich"}).status_code == 302
    assert digest.mode_of(_member(workshop, colleague)) == NotifyMode.DAILY
    response = client.post(url, {"mode": "laut"})
    assert response.status_code == 400
    detail = client.get(reverse("workshop:detail", args=[workshop.key])).content.decode()
    assert "einmal täglich als Zusammenfassung" in detail


@pytest.mark.django_db
def test_forged_unsubscribe_link_is_refused(client, workshop, lead):
    member = _member(workshop, lead)
    digest.mode_set(member=member, mode=NotifyMode.NOW)
    token = digest.unsubscribe_token(member)
    response = client.post(reverse("workshop:unsubscribe", args=[token[:-2] + "xx"]))
    assert response.status_code == 404
    assert digest.mode_of(member) == NotifyMode.NOW
