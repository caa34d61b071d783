"""Ansprechpartner: real institutional rows, filters, the competent contacts, and person details for
members only – per role, and never in a page the cache keeps."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from ikz.contacts.models import Contact, ContactKind
from ikz.contacts.selectors import competent_contacts, contacts_filter
from ikz.contacts.services import authorities_sync

pytestmark = pytest.mark.django_db

PERSON_EMAIL = "erika.beispiel@bezreg.example"
PERSON_NAME = "Erika Beispiel"
PERSON_PHONE = "0221 147-0000"


@pytest.fixture
def authorities(register):
    from ikz.assistant.loader import rules_sync

    rules_sync()
    authorities_sync()
    return Contact.objects.all()


@pytest.fixture
def with_person(authorities):
    contact = Contact.objects.get(key="bezirksregierung-koeln")
    contact.person_name = PERSON_NAME
    contact.person_function = "Beispiel: Dezernat Kommunalaufsicht"
    contact.person_phone = PERSON_PHONE
    contact.person_email = PERSON_EMAIL
    contact.consent_at = timezone.localdate()
    contact.consent_text = "Beispiel: Ich bin einverstanden, dass Mitglieder meine Kontaktdaten sehen."
    contact.full_clean()
    contact.save()
    return contact


def test_sync_creates_five_bezirksregierungen_31_kreise_and_the_redaktion_once(register):
    assert authorities_sync() == 5 + 31 + 1
    assert authorities_sync() == 0
    assert Contact.objects.filter(kind=ContactKind.BEZIRKSREGIERUNG).count() == 5
    assert Contact.objects.filter(kind=ContactKind.KOMMUNALAUFSICHT).count() == 31
    dueren = Contact.objects.get(key="kommunalaufsicht-05358")
    assert dueren.name == "Kreis Düren – Kommunalaufsicht"
    assert dueren.regierungsbezirk == "Köln" and dueren.city == "Düren"
    assert "Destatis" in dueren.source
    # no address for a Kreis without a verified source: name and seat only, no invented website
    assert not dueren.website and not dueren.street


def test_sync_keeps_what_the_redaktion_changed(authorities):
    koeln = Contact.objects.get(key="bezirksregierung-koeln")
    koeln.helps_with = "Von der Redaktion geändert."
    koeln.save()
    authorities_sync()
    koeln.refresh_from_db()
    assert koeln.helps_with == "Von der Redaktion geändert."
    assert koeln.website == "https://www.bezreg-koeln.nrw.de" and "bezreg-koeln.nrw.de" in koeln.source


def test_every_bezirksregierung_names_its_source(authorities):
    for contact in Contact.objects.filter(kind=ContactKind.BEZIRKSREGIERUNG):
        assert contact.website.startswith("https://") and contact.source.strip(), contact.key


def test_an_expert_is_not_published_without_recorded_consent(authorities):
    expert = Contact(
        key="beispiel-experte", kind=ContactKind.EXPERTE, name="Beispiel: Kommunalberatung", live=True
    )
    with pytest.raises(ValidationError) as caught:
        expert.full_clean()
    assert "Einwilligung" in str(caught.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        expert.save()  # the database refuses it too
    expert.live = False
    expert.save()
    assert not Contact.objects.published().filter(pk=expert.pk).exists()
    expert.consent_at = timezone.localdate()
    expert.consent_text = "Beispiel: Einwilligung per E-Mail vom 30.11.2026."
    expert.live = True
    expert.full_clean()
    expert.save()
    assert Contact.objects.published().filter(pk=expert.pk).exists()


def test_person_details_need_consent(authorities):
    contact = Contact.objects.get(key="bezirksregierung-detmold")
    contact.person_name = PERSON_NAME
    with pytest.raises(ValidationError):
        contact.full_clean()


def test_filter_by_kreis_keeps_its_bezirksregierung_and_the_redaktion(authorities, register):
    kreis = register.named("Düren", level="kreis")
    directory = contacts_filter(kreis=kreis)
    keys = {c.key for _, contacts in directory.groups for c in contacts}
    assert keys == {"bezirksregierung-koeln", "kommunalaufsicht-05358", "redaktion"}


def test_filter_by_topic_keeps_contacts_for_all_topics(authorities):
    from ikz.core.taxonomy import TaskArea, task_areas_sync

    task_areas_sync()
    area = TaskArea.objects.get(slug="it-digitalisierung")
    other = TaskArea.objects.exclude(pk=area.pk).first()
    detmold = Contact.objects.get(key="bezirksregierung-detmold")
    detmold.task_areas.set([other])
    detmold.save()
    keys = {c.key for _, contacts in contacts_filter(task_area=area).groups for c in contacts}
    assert "bezirksregierung-detmold" not in keys and "bezirksregierung-koeln" in keys


def test_competent_contacts_follow_the_assistants_supervision_rule(authorities, register):
    hueckeswagen = register.named("Hückeswagen")
    wipperfuerth = register.named("Wipperfürth")
    found = competent_contacts([hueckeswagen, wipperfuerth])
    by_key = {c.contact.key: c.reasons for c in found}
    # only kreisangehörige Gemeinden: the Landrat (Oberbergischer Kreis) supervises (§ 29 Abs. 1 GkG NRW)
    oberberg = Contact.objects.get(kind=ContactKind.KOMMUNALAUFSICHT, kreis=hueckeswagen.kreis).key
    assert any("§ 29" in r for r in by_key[oberberg])
    assert not any("§ 29" in r for r in by_key["bezirksregierung-koeln"])
    assert any("Bewilligungsbehörde" in r for r in by_key["bezirksregierung-koeln"])
    assert list(by_key)[-1] == "redaktion"

    # a kreisfreie Stadt takes part: the Bezirksregierung supervises
    found = competent_contacts([register.named("Düsseldorf"), register.named("Ratingen")])
    by_key = {c.contact.key: c.reasons for c in found}
    assert any("§ 29" in r for r in by_key["bezirksregierung-duesseldorf"])
    assert competent_contacts([]) == []


# --- person details per role -------------------------------------------------------------------


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("who", ["anonymous", "public_user", "member", "editor"])
def test_person_details_only_for_members_and_the_redaktion(who, with_person, request):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = _client(user)
    for url in ("/ansprechpartner/", "/ansprechpartner/bezirksregierung-koeln/"):
        html = client.get(url).content.decode()
        assert "Bezirksregierung Köln" in html and "Zeughausstraße 2-10" in html  # institutional: public
        shown = PERSON_EMAIL in html and PERSON_NAME in html and PERSON_PHONE in html
        assert shown == (who in ("member", "editor")), (who, url)
        if not shown:
            assert PERSON_EMAIL not in html and PERSON_NAME not in html and PERSON_PHONE not in html


def test_logged_in_answers_are_private(with_person, member):
    response = _client(member).get("/ansprechpartner/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_page_cache_never_keeps_a_members_view(with_person, member, page_cache):
    url = "/ansprechpartner/bezirksregierung-koeln/"
    # the member comes first: their page must not be stored for anyone
    assert PERSON_EMAIL in _client(member).get(url).content.decode()
    first = Client().get(url)
    second = Client().get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    for response in (first, second):
        html = response.content.decode()
        assert "Zeughausstraße" in html and PERSON_EMAIL not in html and PERSON_NAME not in html
    # nothing stored anywhere carries the person
    store = page_cache._cache  # LocMemCache's dict of pickled values
    assert store and not any(PERSON_EMAIL.encode() in value for value in store.values())


def test_the_assistants_result_links_the_competent_contacts(authorities, register):
    from urllib.parse import urlencode

    partners = [register.named("Hückeswagen").ags, register.named("Wipperfürth").ags]
    html = (
        Client()
        .get("/assistent/rechtsform/?" + urlencode([("partner", a) for a in partners]))
        .content.decode()
    )
    oberberg = Contact.objects.get(
        kind=ContactKind.KOMMUNALAUFSICHT, kreis=register.named("Hückeswagen").kreis
    )
    assert "Zuständige Ansprechpartner" in html
    assert (
        f'href="{oberberg.get_absolute_url()}"' in html
        and 'href="/ansprechpartner/bezirksregierung-koeln/"' in html
    )


def test_unknown_contact_is_404(authorities):
    assert Client().get("/ansprechpartner/gibt-es-nicht/").status_code == 404


def test_invalid_filter_is_ignored_with_a_message(authorities):
    response = Client().get("/ansprechpartner/?bezirk=Hamburg")
    assert response.status_code == 200
    assert "ignoriert" in response.content.decode()


def test_search_gets_institutional_data_only(with_person):
    from ikz.contacts.search import contact_entry

    entry = contact_entry(with_person)
    text = " ".join([entry.title, entry.body, entry.context])
    assert "Bezirksregierung Köln" in text
    assert PERSON_NAME not in text and PERSON_EMAIL not in text and PERSON_PHONE not in text


def test_demo_expert_is_an_example_with_consent(authorities, member):
    from ikz.contacts.demo import contacts_demo_setup

    expert = contacts_demo_setup()
    expert.full_clean()
    assert expert.is_example and expert.name.startswith("Beispiel")
    assert "expertin@beispiel.invalid" not in Client().get(expert.get_absolute_url()).content.decode()
    assert "expertin@beispiel.invalid" in _client(member).get(expert.get_absolute_url()).content.decode()
