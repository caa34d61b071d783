"""Invitations: by e-mail through the outbox, accepted once, only by the invited address."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ikz.workshop import services
from ikz.workshop.models import Invitation, Role, WorkshopMember

pytestmark = pytest.mark.django_db

INVITED = "kollegin@lindlar.nrw.example"


def _invite(client, workshop, lead, email=INVITED, role="mitwirkend"):
    client.force_login(lead)
    return client.post(reverse("workshop:invite", args=[workshop.key]), {"email": email, "role": role})


def _link(smtp_server, address=INVITED) -> str:
    mail = smtp_server.wait_for(1) and smtp_server.to(address)[-1]
    return re.search(r"(/werkstatt/einladung/[\w-]+/)", smtp_server.body(mail)).group(1)


def test_the_invitation_mail_goes_through_smtp_in_german_and_the_link_works_once(
    client, workshop, lead, smtp_server, member_factory, municipality_factory
):
    invited = member_factory(municipality=municipality_factory("05374020"), email=INVITED)
    invited_client = client.__class__()
    invited_client.force_login(invited)  # signed in before the invitation exists
    response = _invite(client, workshop, lead)
    assert response.status_code == 302
    mail = smtp_server.wait_for(1)[0]
    assert (
        str(mail["Subject"]).strip()
        == "Einladung in die Kooperationswerkstatt „Gemeinsamer Bauhof“ – IKZ-Portal NRW"
    )
    body = smtp_server.body(mail)
    assert "Lea Leitung lädt Sie in die Kooperationswerkstatt „Gemeinsamer Bauhof“" in body
    assert "nur einmal und nur für diese E-Mail-Adresse" in body
    link = _link(smtp_server)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in Invitation.objects.values_list("token_hash", flat=True).get()  # stored hashed

    client = invited_client
    assert client.get(link).status_code == 200
    assert not WorkshopMember.objects.filter(user=invited).exists()  # opening alone changes nothing
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == reverse(
        "workshop:detail", args=[workshop.key]
    )
    assert WorkshopMember.objects.get(workshop=workshop, user=invited).role == Role.CONTRIBUTOR
    page = client.get(reverse("workshop:detail", args=[workshop.key])).content.decode()
    assert "ist der Werkstatt beigetreten" in page

    # Once: a second use leads the person who accepted into the Werkstatt, and nobody else anywhere.
    again = client.post(link)
    assert again.status_code == 302 and again["Location"] == reverse("workshop:detail", args=[workshop.key])
    third = member_factory(municipality=municipality_factory("05374020"), email="dritte@lindlar.nrw.example")
    client.force_login(third)
    refused = client.post(link)
    assert refused.status_code == 404 and "gilt nicht (mehr)" in refused.content.decode()
    assert WorkshopMember.objects.filter(workshop=workshop).count() == 2


def test_the_link_works_only_for_the_invited_address(
    client, workshop, lead, member_factory, municipality_factory
):
    invitation, token = services.invitation_create(workshop=workshop, by=lead, email=INVITED)
    link = reverse("workshop:invitation", args=[token])
    intruder = member_factory(
        municipality=municipality_factory("05374020"), email="jemand@anders.nrw.example"
    )
    client.force_login(intruder)
    page = client.get(link)
    assert page.status_code == 403 and "gilt nur für die Adresse" in page.content.decode()
    assert client.post(link).status_code == 403
    assert not WorkshopMember.objects.filter(user=intruder).exists()
    invitation.refresh_from_db()
    assert invitation.is_open  # still usable by the invited person

    # the same address, but not confirmed yet
    unconfirmed = member_factory(
        municipality=municipality_factory("05374020"), email=INVITED.upper(), email_confirmed_at=None
    )
    client.force_login(unconfirmed)
    assert client.post(link).status_code == 403
    assert not WorkshopMember.objects.filter(user=unconfirmed).exists()


def test_anonymous_visitors_are_offered_login_and_registration(client, workshop, lead):
    _invitation, token = services.invitation_create(workshop=workshop, by=lead, email=INVITED)
    page = client.get(reverse("workshop:invitation", args=[token])).content.decode()
    assert "Melden Sie sich an" in page and reverse("accounts:register") in page
    assert f"?next=/werkstatt/einladung/{token}/" in page.replace("%2F", "/")


def test_unknown_expired_and_replaced_links_answer_404(client, workshop, lead):
    assert client.get(reverse("workshop:invitation", args=["erfunden"])).status_code == 404
    old, old_token = services.invitation_create(workshop=workshop, by=lead, email=INVITED)
    _new, new_token = services.invitation_create(workshop=workshop, by=lead, email=INVITED)
    assert client.get(reverse("workshop:invitation", args=[old_token])).status_code == 404
    assert client.get(reverse("workshop:invitation", args=[new_token])).status_code == 200
    Invitation.objects.filter(pk=_new.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(reverse("workshop:invitation", args=[new_token])).status_code == 404


def test_someone_without_account_registers_and_lands_in_the_workshop_once_confirmed(
    client, workshop, lead, editor, municipality_factory, smtp_server, django_capture_on_commit_callbacks
):
    from ikz.accounts import services as account_services
    from ikz.accounts.models import Membership, User

    services.invitation_create(workshop=workshop, by=lead, email=INVITED)
    lindlar = municipality_factory("05374020")
    user = account_services.user_register(
        email=INVITED, password="Kooperation-2025", first_name="Karla", last_name="Kollegin",
        municipality=lindlar, job_title="",
    )  # fmt: skip
    confirm = smtp_server.wait_for(2) and smtp_server.to(INVITED)[-1]
    confirm_link = re.search(r"(/konto/bestaetigen/[^/\s]+/)", smtp_server.body(confirm)).group(1)
    client.get(confirm_link)
    user.refresh_from_db()
    assert user.email_confirmed_at is not None
    assert not WorkshopMember.objects.filter(user=user).exists()  # not a Mitglied yet
    with django_capture_on_commit_callbacks(execute=True):
        account_services.membership_confirm(membership=Membership.objects.get(user=user), by=editor)
    assert WorkshopMember.objects.filter(workshop=workshop, user=User.objects.get(pk=user.pk)).exists()
    invitation = Invitation.objects.get()
    assert invitation.accepted_by_id == user.pk
    client.force_login(user)
    assert client.get(reverse("workshop:detail", args=[workshop.key])).status_code == 200


def test_an_open_invitation_is_accepted_at_login_with_the_matching_address(
    client, workshop, lead, member_factory, municipality_factory
):
    from ikz.accounts.fixtures import TEST_PASSWORD

    invited = member_factory(municipality=municipality_factory("05374020"), email=INVITED)
    services.invitation_create(workshop=workshop, by=lead, email=INVITED)
    other = member_factory(email="unbeteiligt@lindlar.nrw.example")
    response = client.post(reverse("accounts:login"), {"username": other.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert not WorkshopMember.objects.filter(user=other).exists()
    client.post(reverse("accounts:logout"))
    response = client.post(
        reverse("accounts:login"), {"username": INVITED, "password": TEST_PASSWORD}, follow=True
    )
    assert "Sie gehören jetzt zur Werkstatt „Gemeinsamer Bauhof“" in response.content.decode()
    assert WorkshopMember.objects.filter(workshop=workshop, user=invited).exists()


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Bitte geben Sie die E-Mail-Adresse der Person an"),
        ("keine-adresse", "Bitte geben Sie eine gültige E-Mail-Adresse ein"),
        ("leitung@hueckeswagen.nrw.example", "gehört der Werkstatt bereits an"),
    ],
)
def test_bad_invitations_get_a_german_error(client, workshop, lead, email, message):
    response = _invite(client, workshop, lead, email=email)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Invitation.objects.exists()


def test_invitations_are_limited_per_address(client, workshop, lead):
    for _ in range(3):
        assert _invite(client, workshop, lead).status_code == 302
    response = _invite(client, workshop, lead)
    assert response.status_code == 400 and "Zu viele Anfragen" in response.content.decode()
    assert Invitation.objects.count() == 3


def test_a_lead_can_be_invited_and_then_remove_the_first_lead(client, workshop, lead, member_factory):
    second = member_factory(email=INVITED)
    _invitation, token = services.invitation_create(workshop=workshop, by=lead, email=INVITED, role=Role.LEAD)
    client.force_login(second)
    client.post(reverse("workshop:invitation", args=[token]))
    first_row = workshop.members.get(user=lead)
    response = client.post(reverse("workshop:member_remove", args=[workshop.key, first_row.pk]))
    assert response.status_code == 302
    client.force_login(lead)
    assert client.get(reverse("workshop:detail", args=[workshop.key])).status_code == 404


def test_logging_in_from_the_invitation_page_leads_into_the_workshop(
    client, workshop, lead, member_factory, municipality_factory
):
    from ikz.accounts.fixtures import TEST_PASSWORD

    member_factory(municipality=municipality_factory("05374020"), email=INVITED)
    _invitation, token = services.invitation_create(workshop=workshop, by=lead, email=INVITED)
    link = reverse("workshop:invitation", args=[token])
    page = client.get(link).content.decode()
    login = re.search(r'href="(/konto/anmelden/\?next=[^"]+)"', page).group(1)
    response = client.post(
        login.replace("&amp;", "&"), {"username": INVITED, "password": TEST_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("workshop:detail", args=[workshop.key])
    assert "Sie gehören jetzt zur Werkstatt „Gemeinsamer Bauhof“" in response.content.decode()
    # someone else signed in still gets the plain answer
    other = member_factory(email="dritte@kommune.nrw.example")
    client.force_login(other)
    assert client.get(link).status_code == 404
