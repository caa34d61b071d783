"""Every mail the portal sends, sent through the real database queue: no link, name or body stays at rest.

The test drives each flow that sends mail (registration, resend, password reset, membership
request and decision, hotline confirmation, Redaktion notice and answer, newsletter opt-in,
project decision and reminder), runs the database worker until the queue is empty and then
reads every task row and the outbox. Any token link a mail carried, the names people typed and
the mail bodies must not be found there. A new mail that bypasses the outbox (its text in task
arguments) or a task that returns its message fails this test.
"""

import json
import re
from datetime import timedelta

import pytest
from django.core import serializers
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ikz.accounts import services as account_services
from ikz.accounts.models import Membership
from ikz.core.outbox import MailStatus, OutgoingMail
from ikz.hotline import services as hotline_services
from ikz.hotline.models import Inquiry
from ikz.hotline.tokens import form_started_make
from ikz.newsletter import services as newsletter_services
from ikz.projects import services as project_services

from .test_mail import DB_TASKS, worker_pass

# Typed into every free-text field of the public forms.
MARKERS = {
    "first_name": "Zacharias",
    "last_name": "Quendelmeier",
    "hotline_name": "Xaveria Pfründner",
    "hotline_subject": "Betreffwort Kwaskelbeere",
    "hotline_question": "Fragetext Lurchenhain",
}
URL = re.compile(r"https?://[^\s\"'<>]+")


def token_links(text: str) -> set[str]:
    """Paths of the links in a mail that carry a token (a path segment of 16 or more characters)."""
    links = set()
    for url in URL.findall(text):
        path = "/" + url.split("//", 1)[1].split("/", 1)[-1]
        if any(len(segment) >= 16 for segment in path.split("/")):
            links.add(path)
    return links


def all_text(message) -> str:
    return "\n".join(part.get_content() for part in message.walk() if part.get_content_maintype() == "text")


def public_forms_run(client, *, member, municipality):
    """What anyone can do without logging in: each of these sends a mail at once, read by no one first."""
    client.post(
        "/konto/registrieren/",
        {
            "first_name": MARKERS["first_name"],
            "last_name": MARKERS["last_name"],
            "email": "neu@kommune.nrw.example",
            "password1": "Gemeinsam-stark-2025",
            "password2": "Gemeinsam-stark-2025",
            "municipality": municipality.ags,
            "job_title": "",
            "privacy_consent": "on",
        },
    )
    client.post("/konto/bestaetigen/erneut/", {"email": "neu@kommune.nrw.example"})
    client.post("/konto/passwort/vergessen/", {"email": member.email})
    client.post(
        "/hotline/",
        {
            "subject": MARKERS["hotline_subject"],
            "question": MARKERS["hotline_question"],
            "municipality": "",
            "name": MARKERS["hotline_name"],
            "email": "fragend@kommune.nrw.example",
            "consent": "on",
            "website": "",
            "started": form_started_make(),
        },
    )
    newsletter_services.subscription_request(email="leser@kommune.nrw.example")


def mail_flows_run(client, *, member, editor, municipality, project_factory):
    public_forms_run(client, member=member, municipality=municipality)
    other = account_services.membership_request(user=editor, municipality=municipality)
    account_services.membership_confirm(membership=other, by=editor)
    inquiry = Inquiry.objects.get()
    hotline_services.inquiry_answer(inquiry=inquiry, body="Die Antwort der Redaktion.", by=editor)
    # Projects: a decision and the yearly reminder with its confirmation link.
    project = project_factory(title="Gemeinsamer Bauhof", created_by=member)
    type(project).objects.filter(pk=project.pk).update(moderation_status="submitted")
    project.refresh_from_db()
    project_services.project_send_back(project=project, user=editor, comment="Bitte ergänzen.")
    old = timezone.now() - timedelta(days=800)
    type(project).objects.filter(pk=project.pk).update(
        live=True,
        last_confirmed_at=old,
        last_published_at=old,
        first_published_at=old,
        moderation_status="approved",
    )
    project_services.project_reminders_send()


@pytest.mark.django_db(transaction=True)
def test_no_mail_leaves_a_link_a_name_or_a_body_in_the_queue_or_the_outbox(
    client, settings, smtp_server, roles, member, editor, municipality_factory, project_factory, home_page
):
    settings.TASKS = DB_TASKS
    settings.HOTLINE_MIN_FILL_SECONDS = 0
    municipality = municipality_factory("05374016")

    mail_flows_run(
        client, member=member, editor=editor, municipality=municipality, project_factory=project_factory
    )
    assert DBTaskResult.objects.filter(status="READY").exists()
    worker_pass()

    messages = smtp_server.wait_for(11)
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
    assert not OutgoingMail.objects.exclude(status=MailStatus.SENT).exists()
    # Every mail that arrived went through the outbox.
    assert OutgoingMail.objects.count() == len(messages)
    assert {
        "accounts.email_confirmation",
        "accounts.password_reset",
        "accounts.membership_requested",
        "accounts.membership_decided",
        "hotline.confirmation",
        "hotline.editorial_notice",
        "hotline.answer",
        "newsletter.confirm",
        "projects.project_decided",
        "projects.project_reminder",
    } <= set(OutgoingMail.objects.values_list("purpose", flat=True))
    links, bodies = set(), set()
    for message in messages:
        text = all_text(message)
        links |= token_links(text)
        bodies |= {line.strip() for line in text.splitlines() if len(line.strip()) > 40}
    # Every kind of secret link was mailed: account confirmation, password reset, hotline
    # follow-up, newsletter opt-in, project confirmation.
    for prefix in (
        "/konto/bestaetigen/",
        "/konto/passwort/neu/",
        "/hotline/nachtrag/",
        "/newsletter/bestaetigen/",
    ):
        assert any(link.startswith(prefix) for link in links), prefix
    assert len(links) >= 6

    at_rest = json.dumps(
        [
            [row.args_kwargs, row.return_value, row.exception_class_path, row.traceback]
            for row in DBTaskResult.objects.all()
        ],
        ensure_ascii=False,
    ) + serializers.serialize("json", OutgoingMail.objects.all())
    leaked = [link for link in links if link in at_rest]
    assert not leaked, leaked
    assert not [body for body in bodies if body in at_rest]
    for marker in MARKERS.values():
        assert marker not in at_rest, marker
    assert Membership.objects.exists()


@pytest.mark.django_db
def test_mails_to_unconfirmed_addresses_repeat_nothing_typed_into_the_form(
    client, settings, smtp_server, roles, member, municipality_factory, home_page
):
    """Whoever types a stranger's address cannot make the portal carry their words to that mailbox."""
    settings.HOTLINE_MIN_FILL_SECONDS = 0
    municipality = municipality_factory("05374016")
    public_forms_run(client, member=member, municipality=municipality)
    # (The newsletter form has no free-text field; on_commit does not run in this test's transaction.)
    unconfirmed = ["neu@kommune.nrw.example", "fragend@kommune.nrw.example"]
    smtp_server.wait_for(5)
    for address in unconfirmed:
        received = smtp_server.to(address)
        assert received, address
        for message in received:
            text = message["Subject"] + all_text(message)
            for marker in MARKERS.values():
                assert marker not in text, (address, marker)
