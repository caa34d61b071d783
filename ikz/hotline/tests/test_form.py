"""The public inquiry form: submit, confirmation mail, follow-up link and every kind of bad input."""

import re
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ikz.hotline.models import Inquiry, MessageKind
from ikz.hotline.tokens import form_started_make

from .conftest import docx_bytes, odt_bytes

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "subject": "Gemeinsame Vergabestelle",
        "question": "Dürfen wir eine gemeinsame Vergabestelle ohne Ausschreibung einrichten?",
        "municipality": "05374016",
        "name": "Erika Muster",
        "email": "erika@kommune.nrw.example",
        "consent": "on",
        "website": "",
        "started": form_started_make(),
    }
    data.update(overrides)
    return data


def post(client, capture, **overrides):
    with capture(execute=True):
        return client.post(reverse("hotline:hotline"), form_data(**overrides))


def test_hotline_page_shows_phone_and_hours(client, home_page):
    response = client.get("/hotline/")
    assert response.status_code == 200
    assert "0211 000000-0" in response.text and "Mo–Do" in response.text


def test_submit_gives_reference_and_sends_confirmation_with_follow_up_link(
    client, home_page, smtp_server, municipality_factory, django_capture_on_commit_callbacks
):
    municipality_factory("05374016")
    response = post(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert re.fullmatch(r"IKZ-\d{4}-000001", inquiry.reference)
    assert inquiry.municipality.ags == "05374016"
    thanks = client.get(response.url)
    assert inquiry.reference in thanks.text

    smtp_server.wait_for(2)
    mail = smtp_server.to("erika@kommune.nrw.example")[0]
    assert inquiry.reference in mail["Subject"]
    body = smtp_server.body(mail)
    assert "Vergabestelle" not in body  # nothing the sender typed is carried to the address
    link = re.search(r"https://ikz\.example(/hotline/nachtrag/\S+/)", body).group(1)
    assert smtp_server.to("redaktion@ikz-portal.nrw.example")

    page = client.get(link)
    assert page.status_code == 200 and "Dürfen wir" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"body": "Es geht um drei Gemeinden."})
    assert inquiry.messages.filter(kind=MessageKind.FOLLOW_UP, body="Es geht um drei Gemeinden.").exists()
    assert client.get(link.replace("/nachtrag/", "/nachtrag/x")).status_code == 404


def test_confirmation_repeats_the_question_only_to_the_signed_in_senders_own_address(
    client, home_page, smtp_server, member, django_capture_on_commit_callbacks
):
    """A member's verified address gets the question back; the same form sent for someone else's
    address (or anonymously) does not carry the text – the portal relays nothing to strangers."""
    client.force_login(member)
    post(client, django_capture_on_commit_callbacks, email=member.email.upper())
    post(
        client,
        django_capture_on_commit_callbacks,
        email="fremd@kommune.nrw.example",
        started=form_started_make(),
    )
    smtp_server.wait_for(4)
    own = smtp_server.body(smtp_server.to(member.email.upper())[0])  # the address as typed, other case
    assert "Dürfen wir eine gemeinsame Vergabestelle" in own and "Gemeinsame Vergabestelle" in own
    other = smtp_server.body(smtp_server.to("fremd@kommune.nrw.example")[0])
    assert "Dürfen wir" not in other and "steht nicht in dieser E-Mail" in other


def test_reference_numbers_are_sequential(inquiry_factory):
    first, second = inquiry_factory(), inquiry_factory()
    assert int(second.reference[-6:]) == int(first.reference[-6:]) + 1


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"email": "keine-adresse"}, "gültige E-Mail-Adresse"),
        ({"email": "a@b.de\nBcc: opfer@example.org"}, "gültige E-Mail-Adresse"),
        ({"subject": "Hallo\r\nBcc: opfer@example.org"}, "ohne Zeilenumbrüche"),
        ({"name": "Erika\nBcc: opfer@example.org"}, "ohne Zeilenumbrüche"),
        ({"consent": ""}, "stimmen Sie der Verarbeitung"),
    ],
)
def test_bad_input_gets_a_german_message_and_sends_nothing(
    client, home_page, smtp_server, django_capture_on_commit_callbacks, overrides, message
):
    response = post(client, django_capture_on_commit_callbacks, **overrides)
    assert response.status_code == 200
    assert message in response.text
    assert not Inquiry.objects.exists()
    time.sleep(0.1)
    assert smtp_server.messages == []


@pytest.mark.parametrize(
    "name, content, ok",
    [
        ("frage.pdf", b"%PDF-1.7\n...", True),
        ("plan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, True),
        ("foto.jpg", b"\xff\xd8\xff\xe0" + b"0" * 20, True),
        ("vertrag.docx", docx_bytes(), True),
        ("satzung.odt", odt_bytes(), True),
        ("rechnung.pdf", b"MZ\x90\x00 not a pdf", False),  # an .exe in disguise
        ("bild.png", b"%PDF-1.4", False),  # content and extension disagree
        ("archiv.docx", b"PK\x03\x04garbage", False),
        ("skript.html", b"<script>", False),
    ],
)
def test_attachment_is_checked_by_content(
    client, home_page, django_capture_on_commit_callbacks, name, content, ok
):
    upload = SimpleUploadedFile(name, content)
    response = post(client, django_capture_on_commit_callbacks, attachment=upload)
    assert Inquiry.objects.exists() is ok
    if not ok:
        assert "Anhang wird nicht angenommen" in response.text


def test_oversized_attachment_is_refused(client, home_page, settings, django_capture_on_commit_callbacks):
    settings.HOTLINE_ATTACHMENT_MAX_BYTES = 1024
    upload = SimpleUploadedFile("gross.pdf", b"%PDF-" + b"0" * 2048)
    response = post(client, django_capture_on_commit_callbacks, attachment=upload)
    assert "zu groß" in response.text
    assert not Inquiry.objects.exists()


def test_honeypot_and_forged_timestamp_are_dropped_silently(
    client, home_page, smtp_server, django_capture_on_commit_callbacks
):
    for overrides in ({"website": "http://spam.example"}, {"started": "forged"}):
        response = post(client, django_capture_on_commit_callbacks, **overrides)
        assert response.status_code == 302
        assert "Aktenzeichen" not in client.get(response.url).text
    assert not Inquiry.objects.exists()
    time.sleep(0.1)
    assert smtp_server.messages == []


def test_too_fast_gets_a_clear_message(client, home_page, settings, django_capture_on_commit_callbacks):
    settings.HOTLINE_MIN_FILL_SECONDS = 60
    response = post(client, django_capture_on_commit_callbacks)
    assert response.status_code == 200 and "sehr schnell" in response.text
    assert not Inquiry.objects.exists()


def test_rate_limit_per_address(client, home_page, settings, django_capture_on_commit_callbacks):
    settings.HOTLINE_RATE_LIMIT_PER_HOUR = 2
    for _ in range(2):
        assert post(client, django_capture_on_commit_callbacks).status_code == 302
    response = post(client, django_capture_on_commit_callbacks, email="ERIKA@kommune.nrw.example")
    assert response.status_code == 429 and "bereits mehrere Anfragen" in response.text
    assert Inquiry.objects.count() == 2
