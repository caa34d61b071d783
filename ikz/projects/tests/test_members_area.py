"""Members' area of the project database: contact details per role (page, open data, API, page
cache) and the /konto/ section „Projekte Ihrer Körperschaft“."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

CONTACT = "kontakt-05374016@kommune.nrw.example"


@pytest.fixture
def project(project_factory, municipality_factory):
    return project_factory(title="Gemeinsamer Bauhof", municipalities=[municipality_factory("05374016")])


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    "who,sees", [("anonymous", False), ("public_user", False), ("member", True), ("editor", True)]
)
def test_contact_details_per_role(who, sees, project, request):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    html = _client(user).get(project.get_absolute_url()).content.decode()
    assert "Gemeinsamer Bauhof" in html
    assert (
        (CONTACT in html) == sees and ("Paula Partner" in html) == sees and ("02191 123456" in html) == sees
    )


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_open_data_and_api_never_carry_contact_details(who, project, request):
    client = _client(None if who == "anonymous" else request.getfixturevalue(who))
    for url in (
        "/projekte/export.csv",
        "/projekte/export.json",
        "/api/v1/projects/",
        f"/api/v1/projects/{project.pk}/",
    ):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200, url
        assert CONTACT.encode() not in body and b"Paula Partner" not in body, url


def test_cached_project_page_never_carries_contacts(project, member, page_cache):
    url = project.get_absolute_url()
    assert CONTACT in _client(member).get(url).content.decode()
    first, second = Client().get(url), Client().get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert CONTACT not in second.content.decode()
    stored = b"".join(v for v in page_cache._cache.values() if isinstance(v, bytes))
    assert b"Gemeinsamer Bauhof" in stored and CONTACT.encode() not in stored


@pytest.mark.django_db
def test_konto_lists_the_projects_of_the_members_koerperschaft(
    member, public_user, project_factory, municipality_factory
):
    mine = municipality_factory("05374016")
    project_factory(title="Bauhof unserer Stadt", municipalities=[mine])
    project_factory(title="Projekt anderswo", municipalities=[municipality_factory("05111000")])
    project_factory(title="Entwurf unserer Stadt", municipalities=[mine], live=False)
    client = Client()
    client.force_login(member)
    html = client.get("/konto/").content.decode()
    assert "Projekte Ihrer Körperschaft" in html and "Bauhof unserer Stadt" in html
    assert "Projekt anderswo" not in html and "Entwurf unserer Stadt" not in html
    other = Client()
    other.force_login(public_user)
    assert "Projekte Ihrer Körperschaft" not in other.get("/konto/").content.decode()
