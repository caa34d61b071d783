"""Notices with time travel (`today=`): when a window opens and two weeks before it closes, over the
outbox and a real SMTP server; each notice once, however often the daily run comes."""

import datetime

import pytest

from ikz.funding.models import FundingNotice, FundingSubscription
from ikz.funding.services import funding_notices_send, subscription_create

pytestmark = pytest.mark.django_db

D = datetime.date
START, END = D(2027, 3, 1), D(2027, 4, 30)


@pytest.fixture
def programme(programme_factory):
    return programme_factory("Beispiel Klimaschutz", start=START, end=END)


def _subscribe(user, programme, on: datetime.date):
    subscription = subscription_create(user=user, programme=programme, today=on)
    moment = datetime.datetime.combine(on, datetime.time(12), tzinfo=datetime.UTC)
    FundingSubscription.objects.filter(pk=subscription.pk).update(created_at=moment)


def test_opened_and_closing_notices_go_out_once_each(smtp_server, member, programme):
    _subscribe(member, programme, on=D(2027, 2, 1))
    assert funding_notices_send(today=D(2027, 2, 28)) == 0  # the day before: nothing yet
    assert funding_notices_send(today=START) == 1
    mail = smtp_server.wait_for(1)[0]
    assert str(mail["Subject"]).strip() == "Förderprogramm „Beispiel Klimaschutz“: Anträge sind jetzt möglich"
    assert member.email in str(mail["To"])
    body = smtp_server.body(mail)
    assert "sind jetzt Anträge möglich" in body and "Jetzt offen: Anträge sind bis 30.04.2027 möglich" in body
    assert programme.url in body
    # the daily run again, and on the next days: no second "opened" notice
    assert funding_notices_send(today=START) == 0
    assert funding_notices_send(today=D(2027, 3, 2)) == 0
    # two weeks before the end: the closing notice, once
    assert funding_notices_send(today=D(2027, 4, 15)) == 0
    assert funding_notices_send(today=D(2027, 4, 16)) == 1
    mail = smtp_server.wait_for(2)[1]
    assert (
        str(mail["Subject"]).strip()
        == "Förderprogramm „Beispiel Klimaschutz“: Antragsfenster endet am 30.04.2027"
    )
    assert "endet in 14 Tagen" in smtp_server.body(mail)
    assert funding_notices_send(today=D(2027, 4, 17)) == 0
    assert funding_notices_send(today=END) == 0
    assert funding_notices_send(today=D(2027, 5, 1)) == 0  # closed
    assert len(smtp_server.messages) == 2
    assert FundingNotice.objects.count() == 2


def test_a_missed_day_still_sends_the_opened_notice(smtp_server, member, programme):
    _subscribe(member, programme, on=D(2027, 2, 1))
    assert funding_notices_send(today=D(2027, 3, 3)) == 1  # the job did not run on 1 and 2 March
    smtp_server.wait_for(1)


def test_who_subscribes_to_an_open_programme_gets_only_the_closing_notice(smtp_server, member, programme):
    _subscribe(member, programme, on=D(2027, 3, 10))
    assert funding_notices_send(today=D(2027, 3, 10)) == 0
    assert funding_notices_send(today=D(2027, 4, 20)) == 1
    assert "Antragsfenster endet" in smtp_server.wait_for(1)[0]["Subject"]


def test_subscribing_again_does_not_repeat_a_notice(smtp_server, client, member, programme):
    _subscribe(member, programme, on=D(2027, 2, 1))
    assert funding_notices_send(today=START) == 1
    FundingSubscription.objects.all().delete()
    _subscribe(member, programme, on=D(2027, 2, 2))  # pretend: before the opening again
    assert funding_notices_send(today=D(2027, 3, 2)) == 0
    smtp_server.wait_for(1)
    assert len(smtp_server.messages) == 1


def test_a_new_window_brings_new_notices(smtp_server, member, programme):
    _subscribe(member, programme, on=D(2027, 2, 1))
    assert funding_notices_send(today=START) == 1
    programme.window_start, programme.window_end = D(2028, 3, 1), D(2028, 4, 30)
    programme.save_revision().publish()
    assert funding_notices_send(today=D(2028, 3, 1)) == 1
    smtp_server.wait_for(2)


def test_a_former_member_gets_no_notice(smtp_server, member, programme):
    from ikz.accounts.models import Membership

    _subscribe(member, programme, on=D(2027, 2, 1))
    Membership.objects.filter(user=member).delete()
    assert funding_notices_send(today=START) == 0
    assert not FundingNotice.objects.exists()


def test_the_command_and_the_task_run_the_same_service(smtp_server, member, programme_factory):
    from django.core.management import call_command

    from ikz.funding.models import berlin_today
    from ikz.funding.tasks import funding_notices_task

    today = berlin_today()
    open_programme = programme_factory(
        "Beispiel offen", start=today - datetime.timedelta(days=1), end=today + datetime.timedelta(days=5)
    )
    FundingSubscription.objects.create(
        user=member,
        programme=open_programme,
        created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )
    call_command("send_funding_notices")
    assert FundingNotice.objects.count() == 2  # opened and (five days left) closing
    assert funding_notices_task.enqueue().return_value == 0
    smtp_server.wait_for(2)
