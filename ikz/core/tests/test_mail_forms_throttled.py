"""Every public form that makes the portal mail a typed-in address is limited per client address.

One row per form. A new form that sends mail to an address somebody typed belongs in FORMS; the
limit comes from ikz.core.throttle.throttle_hit with a scope of its own.
"""

import pytest

from ikz.hotline.tokens import form_started_make

pytestmark = pytest.mark.django_db


def registration(n):
    return {
        "first_name": "Nora",
        "last_name": "Neu",
        "email": f"neu{n}@kommune.nrw.example",
        "password1": "Gemeinsam-stark-2025",
        "password2": "Gemeinsam-stark-2025",
        "municipality": "05374016",
        "job_title": "",
        "privacy_consent": "on",
    }


def hotline(n):
    return {
        "subject": "Frage",
        "question": "Eine Frage zur Zusammenarbeit.",
        "municipality": "",
        "name": "Erika Muster",
        "email": f"frage{n}@kommune.nrw.example",
        "consent": "on",
        "website": "",
        "started": form_started_make(),
    }


FORMS = [
    ("accounts.register", "/konto/registrieren/", registration),
    (
        "accounts.confirmation_resend",
        "/konto/bestaetigen/erneut/",
        lambda n: {"email": f"a{n}@kommune.example"},
    ),
    ("accounts.password_reset", "/konto/passwort/vergessen/", lambda n: {"email": f"a{n}@kommune.example"}),
    ("hotline.submit", "/hotline/", hotline),
    ("newsletter.subscribe", "/newsletter/", lambda n: {"email": f"l{n}@kommune.example", "consent": "on"}),
]


@pytest.mark.parametrize(("scope", "url", "data"), FORMS, ids=[row[0] for row in FORMS])
def test_mail_sending_form_is_limited_per_client_address(
    client, settings, smtp_server, home_page, municipality_factory, newsletter_index, scope, url, data
):
    municipality_factory("05374016")
    settings.HOTLINE_MIN_FILL_SECONDS = 0
    settings.THROTTLE_RATES = {f"{scope}:ip": (2, 1800)}
    for n in range(2):
        assert client.post(url, data(n)).status_code in (200, 302), n
    refused = client.post(url, data(9))
    assert refused.status_code == 429
    assert "Bitte versuchen Sie es in 30 Minuten erneut." in refused.content.decode()
    # Another client is not affected.
    assert client.post(url, data(9), REMOTE_ADDR="192.0.2.44").status_code in (200, 302)
