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


# --- Malformed requests: one guard in front of every view (ikz.core.middleware) ---------

# Every kind of public endpoint: pages, views with query parameters, JSON APIs.
GUARDED_GET = ["/", "/suche/", "/suche/vorschlaege/", "/api/v1/search", "/projekte/", "/faq/", "/newsletter/"]


@pytest.mark.parametrize("path", GUARDED_GET)
@pytest.mark.parametrize("bad", ["a\x00b", "\x00", "x\x1by", "\x7f"])
def test_control_characters_in_a_query_are_refused(client, home_page, path, bad):
    response = client.get(path, {"q": bad, "seite": bad, "kind": bad})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Steuerzeichen" in text
    if path.startswith("/api/"):
        assert response["Content-Type"].startswith("application/json")
    else:
        assert 'lang="de"' in text


@pytest.mark.parametrize(
    "path", ["/projekte/a%00b/", "/faq/%00/", "/%00", "/suche/%1b/", "/faq/bewerten/1%00/"]
)
def test_control_characters_in_the_path_are_refused(client, home_page, path):
    assert client.get(path).status_code == 400


def test_line_breaks_in_a_form_value_still_reach_the_form(client, newsletter_index):
    """Tab, CR and LF are text in a field (the forms say what is wrong with them), not an attack."""
    response = client.post(newsletter_index.url, {"email": "a@b.de\r\nBcc: x@example.org", "consent": "on"})
    assert response.status_code == 200


@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "cp500", "utf-16-le", "iso-8859-1"])
def test_form_bodies_in_a_foreign_charset_are_refused_before_the_csrf_check(newsletter_index, charset):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    body = "email=leser%40gemeinde.de&consent=on"  # the test client encodes it in `charset`
    response = client.post(
        newsletter_index.url, body, content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )
    assert response.status_code == 415
    assert "UTF-8" in response.content.decode()


@pytest.mark.parametrize(
    ("content_type", "charset"),
    [("application/x-www-form-urlencoded", "utf-8"), ("application/x-www-form-urlencoded", "UTF-8"),
     ("multipart/form-data", "utf-8"), ("multipart/form-data", "iso-8859-1"), ("multipart/form-data", "ascii")],
)  # fmt: skip
def test_usual_charsets_pass_the_guard(client, newsletter_index, content_type, charset):
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    data = {"email": "kein-at", "consent": "on"}
    if content_type == MULTIPART_CONTENT.split(";")[0]:
        body = encode_multipart(BOUNDARY, data)
        content_type = f"{MULTIPART_CONTENT}; charset={charset}"
    else:
        body = "email=kein-at&consent=on"
        content_type = f"{content_type}; charset={charset}"
    response = client.post(newsletter_index.url, body, content_type=content_type)
    assert response.status_code == 200  # the form answers with its own error message
    assert "gültige E-Mail-Adresse" in response.content.decode()


def test_nul_in_a_multipart_field_is_refused(client, newsletter_index):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("bericht.pdf", b"%PDF-1.4", content_type="application/pdf")
    assert client.post(newsletter_index.url, {"email": "a\x00@b.de", "datei": upload}).status_code == 400


@pytest.mark.parametrize("number", ["9" * 19, "9" * 40, "-" + "9" * 30])
def test_numbers_beyond_any_database_integer_are_refused(client, newsletter_index, number):
    """In a choice field they ended in OverflowError on SQLite; no id or count is that big."""
    response = client.post(newsletter_index.url, {"email": "a@b.de", "consent": "on", "topics": number})
    assert response.status_code == 400
    assert client.get("/suche/", {"q": number}).status_code == 400
    assert client.post(newsletter_index.url, {"email": "a@b.de", "topics": "9" * 18}).status_code == 200


def test_a_forged_session_cookie_with_nul_is_ignored(client, home_page):
    client.cookies["sessionid"] = "abcdefghijklmnop\x00"
    assert client.get("/").status_code == 200


def test_an_oversized_form_is_a_bad_request(client, newsletter_index, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = {f"f{i}": "x" for i in range(50)}
    assert client.post(newsletter_index.url, data).status_code == 400


# --- Numbers in parameters: one parser (ikz.core.params) --------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("7", 7), ("-3", -3), ("007", 7), ("²", None), ("٣", None), ("١٢", None), (" 7", None), ("1_000", None),
     ("", None), ("-", None), ("7.0", None), ("9" * 19, None), ("+5", None), (None, None)],
)  # fmt: skip
def test_parse_int_accepts_ascii_digits_only(raw, expected):
    from ikz.core.params import parse_int

    assert parse_int(raw) == expected


@pytest.mark.parametrize("bad", ["²", "٣", "1_000", " 2020", "２０２０"])
def test_every_facet_of_the_project_list_takes_any_value(client, home_page, bad):
    """The year facet once called int() on '²' after str.isdigit() had let it through: 500."""
    from ikz.projects.selectors import FACETS

    for name in FACETS:
        response = client.get("/projekte/", {name: bad})
        assert response.status_code == 200, (name, bad)
        assert "0 Projekte" in response.content.decode() or "Keine Projekte" in response.content.decode(), (
            name
        )


def test_int_param_falls_back_and_clamps(rf):
    from ikz.core.params import int_param

    assert int_param(rf.get("/", {"seite": "²"}), "seite", 1, minimum=1) == 1
    assert int_param(rf.get("/", {"seite": "٣"}), "seite", 1, minimum=1) == 1
    assert int_param(rf.get("/", {"seite": "900"}), "seite", 1, minimum=1, maximum=50) == 50
    assert int_param(rf.get("/", {"seite": "-4"}), "seite", 1, minimum=1, maximum=50) == 1


def test_views_parse_numbers_only_through_the_helper():
    """A view that calls int() on request data is the next '²' server error."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "ikz"
    offenders = []
    pattern = re.compile(r"(?<![\w.])int\((?:request\.|value\b|raw|run_id|key\.)|\.isdigit\(\)")
    for path in sorted(root.glob("*/*.py")):
        if path.name.endswith(("views.py", "export.py", "selectors.py")):
            for lineno, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line):
                    offenders.append(f"{path.relative_to(root)}:{lineno}: {line.strip()}")
    assert offenders == [], "use ikz.core.params.parse_int/int_param:\n" + "\n".join(offenders)
