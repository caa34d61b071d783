"""Bad input to every public form: the page comes back (200, never 500) with a German error
next to the field, and nothing is stored or sent.

Bad input here is what real people and bots send: empty forms, a broken e-mail address, text far
beyond the allowed length, and a line break in a one-line field (a header-injection attempt –
`Betreff\\nBcc: …` – that would end up in a mail subject).
"""

import re

import pytest
from django.core import mail
from django.urls import reverse

from ikz.accounts.fixtures import TEST_PASSWORD

pytestmark = pytest.mark.django_db

INJECTION = "Frage zum Bauhof\r\nBcc: opfer@example.org"
TOO_LONG = "Zusammenarbeit " * 1000  # 16 000 characters


def _assert_german_errors(response, *expected: str) -> str:
    assert response.status_code == 200, f"expected the form again, got {response.status_code}"
    body = response.content.decode()
    assert 'lang="de"' in body
    assert 'class="errorlist' in body, "no error list rendered next to a field"
    for text in expected:
        assert text in body, f"missing error text: {text!r}"
    # Django's English defaults must not leak through.
    for english in ("This field is required", "Enter a valid", "Ensure this value", "Select a valid"):
        assert english not in body
    return body


def _field_error(body: str, field_id: str) -> str:
    """The error list rendered in the same .field block as the input with this id."""
    for block in re.findall(r'<div class="field[^"]*field--error[^"]*">(.*?)</div>', body, flags=re.S):
        if f'id="{field_id}"' in block:
            return block
    raise AssertionError(f"no error next to #{field_id}")


# --- Hotline ---------------------------------------------------------------------------


@pytest.fixture
def hotline_settings(settings):
    settings.HOTLINE_MIN_FILL_SECONDS = 0
    settings.HOTLINE_RATE_LIMIT_PER_HOUR = 1000


def _hotline_data(**overrides):
    from ikz.hotline.tokens import form_started_make

    data = {
        "subject": "Frage zum Bauhof",
        "question": "Dürfen zwei Gemeinden ihren Bauhof gemeinsam betreiben?",
        "name": "Erika Muster",
        "email": "erika@gemeinde.nrw.example",
        "consent": "on",
        "started": form_started_make(),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize(
    ("overrides", "field_id", "message"),
    [
        ({"subject": "", "question": "", "name": "", "email": "", "consent": None}, "id_subject",
         "Dieses Feld muss ausgefüllt werden."),
        ({"email": "erika(at)gemeinde"}, "id_email", "Bitte geben Sie eine gültige E-Mail-Adresse ein"),
        ({"email": "erika@gemeinde.de\nBcc: x@example.org"}, "id_email",
         "Bitte geben Sie eine gültige E-Mail-Adresse ein"),
        ({"subject": INJECTION}, "id_subject", "Bitte ohne Zeilenumbrüche eingeben."),
        ({"name": "Erika\nMuster"}, "id_name", "Bitte ohne Zeilenumbrüche eingeben."),
        ({"question": TOO_LONG}, "id_question", "höchstens 10000 Zeichen"),
        ({"subject": "x" * 201}, "id_subject", "höchstens 200 Zeichen"),
        ({"consent": None}, "id_consent", "Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu."),
    ],
)  # fmt: skip
def test_hotline_rejects_bad_input(client, hotline_settings, overrides, field_id, message):
    from ikz.hotline.models import Inquiry

    response = client.post(reverse("hotline:hotline"), _hotline_data(**overrides))
    body = _assert_german_errors(response, message)
    assert message in _field_error(body, field_id)
    assert Inquiry.objects.count() == 0
    assert mail.outbox == []


# --- Newsletter ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "website": ""}, "Dieses Feld muss ausgefüllt werden."),
        ({"email": "kein-at-zeichen", "consent": "on"}, "Bitte geben Sie eine gültige E-Mail-Adresse ein"),
        ({"email": "a@b.de\r\nBcc: x@example.org", "consent": "on"},
         "Bitte geben Sie eine gültige E-Mail-Adresse ein"),
        ({"email": "a" * 300 + "@gemeinde.de", "consent": "on"}, "höchstens 254 Zeichen"),
        ({"email": "leser@gemeinde.de"}, "Bitte bestätigen Sie, dass Sie den Newsletter erhalten möchten."),
        ({"email": "leser@gemeinde.de", "consent": "on", "topics": ["999999"]}, "keine gültige Auswahl"),
    ],
)  # fmt: skip
def test_newsletter_rejects_bad_input(client, newsletter_index, data, message):
    from ikz.newsletter.models import Subscription

    response = client.post(newsletter_index.url, data)
    _assert_german_errors(response, message)
    assert Subscription.objects.count() == 0
    assert mail.outbox == []


# --- Registration and login ------------------------------------------------------------


def _registration_data(town, **overrides):
    data = {
        "first_name": "Erika",
        "last_name": "Muster",
        "email": "erika.muster@hueckeswagen.de",
        "password1": "Zusammen-Arbeit-2025",
        "password2": "Zusammen-Arbeit-2025",
        "municipality": town.ags,
        "privacy_consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize(
    ("overrides", "field_id", "message"),
    [
        ({"first_name": "", "last_name": "", "email": "", "password1": "", "password2": "",
          "municipality": "", "privacy_consent": None}, "id_first_name", "Bitte geben Sie Ihren Vornamen an."),
        ({"email": "erika.muster@"}, "id_email", "Bitte geben Sie eine gültige E-Mail-Adresse an"),
        ({"email": "erika@stadt.de\nBcc: x@example.org"}, "id_email",
         "Bitte geben Sie eine gültige E-Mail-Adresse an"),
        ({"first_name": "E" * 151}, "id_first_name", "höchstens 150 Zeichen"),
        ({"first_name": "Erika\r\nBcc: x@example.org"}, "id_first_name", "Bitte ohne Zeilenumbrüche eingeben."),
        ({"password2": "etwas-anderes-2025"}, "id_password2", "Die beiden Passwörter stimmen nicht überein."),
        ({"password1": "12345678901", "password2": "12345678901"}, "id_password1", "Passwort"),
        ({"municipality": "99999999"}, "id_municipality", "Diese Körperschaft gibt es im Verzeichnis nicht."),
        ({"privacy_consent": None}, "id_privacy_consent", "Datenschutzhinweis gelesen"),
    ],
)  # fmt: skip
def test_registration_rejects_bad_input(client, roles, municipality_factory, overrides, field_id, message):
    from ikz.accounts.models import Membership, User

    town = municipality_factory("05374016")
    response = client.post(reverse("accounts:register"), _registration_data(town, **overrides))
    body = _assert_german_errors(response, message)
    assert message in _field_error(body, field_id)
    assert User.objects.count() == 0 and Membership.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Bitte geben Sie Ihre E-Mail-Adresse an."),
        ({"username": "nicht-gueltig", "password": "x"}, "Bitte geben Sie eine gültige E-Mail-Adresse an."),
        ({"username": "mitglied@kommune.nrw.example", "password": "falsch"},
         "E-Mail-Adresse oder Passwort sind nicht richtig."),
        ({"username": "mitglied@kommune.nrw.example\nBcc: x@example.org", "password": TEST_PASSWORD},
         "Bitte geben Sie eine gültige E-Mail-Adresse an."),
        ({"username": "a" * 5000 + "@kommune.de", "password": "x" * 5000}, "E-Mail-Adresse"),
    ],
)  # fmt: skip
def test_login_rejects_bad_input(client, member, data, message):
    response = client.post(reverse("accounts:login"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "_auth_user_id" not in client.session


# --- Project contribution and partner request (members) --------------------------------


@pytest.mark.parametrize(
    ("overrides", "field_id", "message"),
    [
        ({"title": "", "summary": "", "task_areas": [], "participants-0-municipality": ""}, "id_title",
         "Dieses Feld muss ausgefüllt werden."),
        ({"title": INJECTION}, "id_title", "Bitte ohne Zeilenumbrüche eingeben."),
        ({"title": "T" * 201}, "id_title", "höchstens 200 Zeichen"),
        ({"summary": TOO_LONG}, "id_summary", "höchstens 1200 Zeichen"),
        ({"participants-0-contact_email": "max(at)kommune"}, "id_participants-0-contact_email",
         "gültige E-Mail-Adresse"),
        ({"savings_percent": "150"}, "id_savings_percent", "kleiner oder gleich 100"),
        ({"start_date": "31.02.2025"}, "id_start_date", "gültiges Datum"),
        ({"legal_form": "erfunden"}, "id_legal_form", "keine gültige Auswahl"),
    ],
)  # fmt: skip
def test_project_form_rejects_bad_input(client, member, project_form_data, overrides, field_id, message):
    from ikz.projects.models import Project

    town = member.memberships.first().municipality
    client.force_login(member)
    response = client.post(reverse("projects:create"), project_form_data(town, **overrides))
    body = _assert_german_errors(response, message)
    assert message in _field_error(body, field_id)
    assert Project.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "field_id", "message"),
    [
        ({"title": "", "description": ""}, "id_title", "Dieses Feld muss ausgefüllt werden."),
        ({"title": INJECTION}, "id_title", "Bitte ohne Zeilenumbrüche eingeben."),
        ({"title": "T" * 201}, "id_title", "höchstens 200 Zeichen"),
        ({"description": TOO_LONG}, "id_description", "höchstens 3000 Zeichen"),
        ({"task_area": "gibt-es-nicht"}, "id_task_area", "keine gültige Auswahl"),
        ({"municipality": "999999"}, "id_municipality", "keine gültige Auswahl"),
    ],
)  # fmt: skip
def test_partner_request_rejects_bad_input(client, member, overrides, field_id, message):
    from ikz.core.taxonomy import task_areas_sync
    from ikz.projects.models import PartnerRequest

    task_areas_sync()
    town = member.memberships.first().municipality
    data = {"municipality": town.pk, "task_area": "bauhof", "title": "Gemeinsamer Bauhof",
            "description": "Wir suchen eine Nachbargemeinde."}  # fmt: skip
    data.update(overrides)
    client.force_login(member)
    response = client.post(reverse("partners:request_create"), data)
    body = _assert_german_errors(response, message)
    assert message in _field_error(body, field_id)
    assert PartnerRequest.objects.count() == 0


def test_project_mail_subject_is_folded_to_one_line(
    member, municipality_factory, project_factory, smtp_server, django_capture_on_commit_callbacks
):
    """A line break that reached a title another way (the admin, older data) must not stop the mail."""
    from ikz.projects import emails

    town = municipality_factory("05374016")
    project = project_factory(
        title=INJECTION, municipalities=[town], live=False, created_by=member, submitted_by=member
    )
    with django_capture_on_commit_callbacks(execute=True):
        emails.project_submitted_notify(project=project)
    (message,) = smtp_server.wait_for(1)
    assert (
        str(message["Subject"]).strip()
        == "Neues Kooperationsprojekt zur Prüfung: Frage zum Bauhof Bcc: opfer@example.org"
    )
    assert message["Bcc"] is None and "opfer@example.org" not in str(message["To"])
