"""The hotline form cannot be used as a mail relay: single-use form token, limits per address and client."""

import re

import pytest
from django.urls import reverse

from ikz.hotline.models import Inquiry

from .test_form import form_data

pytestmark = pytest.mark.django_db


def test_one_rendered_form_carries_one_inquiry(client, home_page, smtp_server):
    data = form_data()
    first = client.post(reverse("hotline:hotline"), data)
    assert first.status_code == 302
    # Replaying the same form (same token) to other addresses sends nothing more.
    for n in range(3):
        replay = client.post(reverse("hotline:hotline"), {**data, "email": f"opfer{n}@example.org"})
        assert replay.status_code == 409
        assert "Diese Anfrage wurde bereits abgesendet" in replay.content.decode()
    assert Inquiry.objects.count() == 1
    smtp_server.wait_for(2)  # confirmation + notice to the Redaktion
    assert not [m for m in smtp_server.messages if "opfer" in str(m["To"])]

    # The refused form comes back with a fresh token: sending it again on purpose is one new inquiry.
    fresh = re.search(r'name="started" value="([^"]+)"', replay.content.decode()).group(1)
    assert fresh != data["started"]
    again = client.post(
        reverse("hotline:hotline"), {**data, "email": "zweite@kommune.example", "started": fresh}
    )
    assert again.status_code == 302 and Inquiry.objects.count() == 2


def test_inquiries_are_limited_per_client_address(client, home_page, settings, smtp_server):
    settings.THROTTLE_RATES = {"hotline.submit:ip": (2, 3600)}
    for n in range(2):
        assert (
            client.post(reverse("hotline:hotline"), form_data(email=f"p{n}@kommune.example")).status_code
            == 302
        )
    refused = client.post(reverse("hotline:hotline"), form_data(email="p9@kommune.example"))
    assert refused.status_code == 429
    assert "Bitte versuchen Sie es in 60 Minuten erneut." in refused.content.decode()
    other = client.post(
        reverse("hotline:hotline"), form_data(email="p9@kommune.example"), REMOTE_ADDR="192.0.2.5"
    )
    assert other.status_code == 302
    assert Inquiry.objects.count() == 3
