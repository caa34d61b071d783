"""„Nur für Mitglieder“ in the Wissensdatenbank: per role, by URL, in listings, search, feeds and the
page cache (decision 0021-mitgliederbereich)."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model

from ikz.library.docgen import pdf_bytes

SECRET = "Geheimer Mustertext nur für Mitglieder"
PUBLIC_TEXT = "Öffentliche Beschreibung der Arbeitshilfe"
SUMMARY = "Beispiel: Mustervertrag für einen gemeinsamen Bauhof"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _document(title: str):
    data = pdf_bytes([("title", title), ("p", "Text")])
    return get_document_model().objects.create(
        title=title, file=ContentFile(data, name=f"{title.lower().replace(' ', '-')}.pdf")
    )


def _template_page(title: str, documents, *, members_only: bool = False, body: str = SECRET):
    from ikz.library.models import TemplatePage
    from ikz.library.models.documents import EntryDocument
    from ikz.library.tree import library_folder

    page = TemplatePage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary=SUMMARY,
        body=f"<p>{body}</p>",
        members_only=members_only,
        is_example=True,
    )
    for order, (document, only) in enumerate(documents):
        page.documents.add(
            EntryDocument(document=document, label=document.title, sort_order=order, members_only=only)
        )
    library_folder("muster").add_child(instance=page)
    page.save_revision().publish()
    return page


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


ROLES = ["anonymous", "public_user", "member", "editor"]
MAY_SEE = {"anonymous": False, "public_user": False, "member": True, "editor": True}


@pytest.fixture
def members_entry(library_index):
    document = _document("Interner Mustervertrag")
    page = _template_page("Mustervertrag Bauhof intern", [(document, False)], members_only=True)
    return page, document


@pytest.fixture
def public_entry_with_members_file(library_index):
    public_doc = _document("Öffentliche Arbeitshilfe")
    members_doc = _document("Kalkulation nur Mitglieder")
    page = _template_page("Arbeitshilfe Bauhof", [(public_doc, False), (members_doc, True)], body=PUBLIC_TEXT)
    return page, public_doc, members_doc


@pytest.mark.parametrize("who", ROLES)
def test_members_only_entry_per_role(who, members_entry, request):
    page, document = members_entry
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = _client(user)
    html = client.get(page.url).content.decode()
    assert (SECRET in html) == MAY_SEE[who]
    assert (document.url in html) == MAY_SEE[who]
    if not MAY_SEE[who]:
        assert SUMMARY in html and "Nur für Mitglieder" in html  # the teaser
    # the file, asked for by its address
    assert client.get(document.url).status_code == (200 if MAY_SEE[who] else 404)


@pytest.mark.parametrize("who", ROLES)
def test_members_only_file_of_a_public_entry_per_role(who, public_entry_with_members_file, request):
    page, public_doc, members_doc = public_entry_with_members_file
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = _client(user)
    html = client.get(page.url).content.decode()
    assert PUBLIC_TEXT in html and public_doc.url in html
    assert (members_doc.url in html) == MAY_SEE[who]
    assert ("Eine weitere Datei sehen bestätigte Mitglieder" in html) != MAY_SEE[who]
    if not MAY_SEE[who]:
        assert members_doc.title not in html  # not even the file's name
    assert client.get(public_doc.url).status_code == 200
    assert client.get(members_doc.url).status_code == (200 if MAY_SEE[who] else 404)


def test_a_member_whose_membership_ended_is_refused(members_entry, member):
    from ikz.accounts.models import Membership, MembershipStatus

    page, document = members_entry
    Membership.objects.filter(user=member).update(status=MembershipStatus.ENDED)
    client = _client(member)
    assert client.get(document.url).status_code == 404
    assert SECRET not in client.get(page.url).content.decode()


def test_listing_shows_the_teaser_only(members_entry):
    page, _document = members_entry
    html = Client().get(page.get_parent().url).content.decode()
    assert SUMMARY in html and "Nur für Mitglieder" in html and SECRET not in html


def test_not_in_the_public_search_index(members_entry, public_entry_with_members_file):
    from ikz.search.registry import adapters

    page, _document = members_entry
    public_page = public_entry_with_members_file[0]
    adapter = adapters()["library.templatepage"]
    public_ids = set(adapter.public_objects().values_list("pk", flat=True))
    assert page.pk not in public_ids and public_page.pk in public_ids


def test_fulltext_for_the_index_leaves_members_files_out(public_entry_with_members_file):
    from ikz.library.models import DocumentText
    from ikz.library.models.documents import ExtractionStatus

    page, public_doc, members_doc = public_entry_with_members_file
    for document, text in ((public_doc, "Öffentlicher Volltext"), (members_doc, "Interne Kalkulation")):
        DocumentText.objects.update_or_create(
            document=document, defaults={"text": text, "status": ExtractionStatus.DONE}
        )
    text = page.specific.fulltext()
    assert "Öffentlicher Volltext" in text and "Interne Kalkulation" not in text


def test_cached_pages_never_carry_members_content(
    members_entry, public_entry_with_members_file, member, page_cache
):
    page, document = members_entry
    public_page, _public_doc, members_doc = public_entry_with_members_file
    member_client = _client(member)
    for url in (page.url, public_page.url, page.get_parent().url):
        member_client.get(url)  # a member first
        Client().get(url)
        Client().get(url)
    stored = b"".join(value for value in page_cache._cache.values() if isinstance(value, bytes))
    assert PUBLIC_TEXT.encode() in stored  # the public views were kept …
    # … and none of them carries the members-only text or a members-only file's address
    assert SECRET.encode() not in stored
    assert document.url.encode() not in stored and members_doc.url.encode() not in stored
    teaser = Client().get(page.url)
    assert teaser["X-Page-Cache"] == "hit" and SECRET not in teaser.content.decode()


def test_every_address_of_a_members_only_law_answers_with_the_teaser(library_laws, member, public_user):
    """Sub-pages (a law's sections) go through the same gate as the entry itself."""
    from ikz.library.models import LawPage, LawSection

    law = LawPage.objects.get(abbreviation="GkG NRW")
    section = LawSection.objects.filter(law=law, live=True).exclude(body="").first()
    law.members_only = True
    law.save_revision().publish()
    url = law.url + law.reverse_subpage("section_route", kwargs={"slug": section.slug})
    words = section.body.split()[:6]
    snippet = " ".join(words)
    for client in (Client(), _client(public_user)):
        html = client.get(url).content.decode()
        assert "Dieser Eintrag ist für Mitglieder" in html and snippet not in html
    response = _client(member).get(url)
    assert (
        response.status_code == 200 and "Dieser Eintrag ist für Mitglieder" not in response.content.decode()
    )


def test_feed_carries_the_teaser_only(members_entry):
    page, document = members_entry
    body = Client().get("/feeds/wissen.atom").content.decode()
    assert "Mustervertrag Bauhof intern (nur für Mitglieder)" in body and SUMMARY in body
    assert SECRET not in body and document.url not in body
