"""Double opt-in, consent log, expiry and one-click unsubscribe, with real SMTP."""

import re
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from ikz.newsletter.models import ConsentAction, ConsentLog, Subscription, SubscriptionStatus
from ikz.newsletter.services import subscription_request, subscriptions_expire

pytestmark = pytest.mark.django_db


def subscribe(client, capture, email="leserin@kommune.nrw.example", **extra):
    data = {"email": email, "consent": "on", "website": "", **extra}
    with capture(execute=True):
        return client.post("/newsletter/", data)


def test_double_opt_in_sends_only_the_confirmation_until_confirmed(
    client, newsletter_index, smtp_server, django_capture_on_commit_callbacks
):
    response = subscribe(client, django_capture_on_commit_callbacks)
    assert response.status_code == 200 and "Bestätigungslink" in response.text
    subscription = Subscription.objects.get()
    assert subscription.status == SubscriptionStatus.PENDING
    mail = smtp_server.wait_for(1)[0]
    assert "bestätigen" in mail["Subject"]
    link = re.search(r"https://ikz\.example(/newsletter/bestaetigen/\S+/)", smtp_server.body(mail)).group(1)

    # Asking again right away sends nothing more; the page says the same.
    response = subscribe(client, django_capture_on_commit_callbacks)
    assert "Bestätigungslink" in response.text
    time.sleep(0.2)
    assert len(smtp_server.messages) == 1

    assert client.get(link).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CONFIRMED and subscription.confirmed_at
    log = list(ConsentLog.objects.filter(email=subscription.email).order_by("at", "pk"))
    assert [entry.action for entry in log] == [ConsentAction.REQUESTED, ConsentAction.CONFIRMED]
    assert "Newsletter" in log[1].consent_text and log[1].topics == "alle Themen"


def test_forged_or_expired_confirmation_link_is_refused(client, newsletter_index, settings):
    assert client.get("/newsletter/bestaetigen/nonsense/").status_code == 400
    subscription = subscription_request(email="a@kommune.nrw.example")
    from ikz.newsletter.tokens import confirm_token_make

    token = confirm_token_make(subscription=subscription)
    settings.NEWSLETTER_CONFIRMATION_DAYS = 0
    assert client.get(f"/newsletter/bestaetigen/{token}/").status_code == 400


def test_invalid_address_and_missing_consent_get_german_messages(
    client, newsletter_index, django_capture_on_commit_callbacks
):
    response = subscribe(client, django_capture_on_commit_callbacks, email="a@b.de\r\nBcc: x@y.de")
    assert "gültige E-Mail-Adresse" in response.text
    response = subscribe(client, django_capture_on_commit_callbacks, consent="")
    assert "Bitte bestätigen Sie" in response.text
    assert not Subscription.objects.exists()


def test_honeypot_is_dropped_silently(client, newsletter_index, django_capture_on_commit_callbacks):
    response = subscribe(client, django_capture_on_commit_callbacks, website="spam")
    assert "Bestätigungslink" in response.text
    assert not Subscription.objects.exists()


def test_unconfirmed_requests_expire_with_their_log(db):
    old = subscription_request(email="alt@kommune.nrw.example")
    Subscription.objects.filter(pk=old.pk).update(requested_at=timezone.now() - timedelta(days=8))
    fresh = subscription_request(email="neu@kommune.nrw.example")
    assert subscriptions_expire() == 1
    assert list(Subscription.objects.values_list("email", flat=True)) == [fresh.email]
    assert not ConsentLog.objects.filter(email=old.email).exists()


def test_one_click_unsubscribe_by_post_without_csrf_or_login(subscriber_factory):
    subscription = subscriber_factory(1)[0]
    client = Client(enforce_csrf_checks=True)
    url = f"/newsletter/abmelden/{subscription.token}/"
    assert client.get(url).status_code == 200  # a GET (link scanner) changes nothing
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CONFIRMED

    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.UNSUBSCRIBED
    entry = ConsentLog.objects.get(action=ConsentAction.UNSUBSCRIBED)
    assert "RFC 8058" in entry.method
    # Opening the link again says so instead of asking a second time.
    again = client.get(url).content.decode()
    assert "abgemeldet und erhalten keine weiteren Ausgaben" in again and "Jetzt abbestellen" not in again
    assert (
        client.post("/newsletter/abmelden/unbekannt/", {"List-Unsubscribe": "One-Click"}).status_code == 200
    )
