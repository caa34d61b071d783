import datetime

import pytest

from ikz.library.admin_views import entries_not_reviewed
from ikz.library.models import LawPage, LibraryEntryPage

pytestmark = pytest.mark.django_db


def test_index_facets_count_and_filter(client, library_checklist):
    html = client.get("/wissen/").content.decode()
    assert 'Checklisten <span class="facet-count">(3)</span>' in html
    filtered = client.get("/wissen/?art=checklisten&rechtsform=gku").content.decode()
    assert "0 Einträge" in filtered
    oerv = client.get("/wissen/?rechtsform=oerv&art=checklisten").content.decode()
    assert "Abschluss einer öffentlich-rechtlichen Vereinbarung" in oerv
    assert "Gründung eines Zweckverbands" not in oerv


def test_law_section_page_shows_structure_source_and_version(client, library_laws):
    html = client.get("/wissen/gesetze/gwb/108/").content.decode()
    assert '<ol class="law-list law-list--num">' in html
    assert "bundestag/gesetze@77abca2:g/gwb/index.md" in html and "26.03.2022" in html
    assert 'href="/wissen/gesetze/gwb/99/"' in html  # "§ 99 Nummer 1 bis 3" inside the text links
    assert client.get("/wissen/gesetze/gwb/999/").status_code == 404
    assert client.get("/wissen/gesetze/gg/art-28/").status_code == 200


def test_not_reviewed_report(library_checklist, admin_client):
    page = LibraryEntryPage.objects.get(external_id="demo:checkliste:oerv")
    page.last_reviewed = datetime.date.today() - datetime.timedelta(days=400)
    page.save(update_fields=["last_reviewed"])
    assert list(entries_not_reviewed()) == [page]
    law = LawPage.objects.first()
    LibraryEntryPage.objects.filter(pk=law.pk).update(first_published_at="2020-01-01T00:00Z")
    assert law.pk in {p.pk for p in entries_not_reviewed()}
    response = admin_client.get("/admin/berichte/nicht-geprueft/")
    assert response.status_code == 200 and page.title in response.content.decode()


def test_law_section_is_a_moderated_snippet(library_laws, admin_client):
    from ikz.library.models import LawSection

    section = LawSection.objects.get(external_id="bund:gwb:§108")
    url = f"/admin/snippets/library/lawsection/edit/{section.pk}/"
    assert admin_client.get(url).status_code == 200
    data = {
        "law": section.law_id,
        "label": section.label,
        "slug": section.slug,
        "heading": "Neu",
        "body": section.body,
        "external_id": section.external_id,
        "source": section.source,
        "license": section.license,
        "version_date": "2022-03-26",
        "sort_order": section.sort_order,
    }
    assert admin_client.post(url, data).status_code == 302
    section.refresh_from_db()
    assert section.heading != "Neu" and section.has_unpublished_changes  # draft until published
    assert section.revisions.count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_browser_checklist_run_and_axe(
    live_server, page, axe, library_checklist, member_factory, municipality_factory
):
    from django.test import Client

    from ikz.library.demo import _templates
    from ikz.library.models import LiteraturePage, RulingPage, TemplatePage
    from ikz.library.pages_import import literature_upsert, ruling_upsert

    ruling_upsert(
        {
            "external_id": "t1",
            "court": "EuGH",
            "file_number": "C-386/11",
            "ecli": "ECLI:EU:C:2013:385",
            "date": "2013-06-13",
            "text": "Ein Vertrag im Sinne von § 108 GWB.",
        }
    )
    literature_upsert(
        {"external_id": "l1", "title": "Interkommunale Zusammenarbeit", "year": 2008, "authors": ["A. Autor"]}
    )
    _templates(datetime.date.today())
    user = member_factory(municipality=municipality_factory("05374016"), email="browser@kommune.nrw.example")
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    for path in [
        "/wissen/",
        "/wissen/gesetze/gkg-nrw/23/",
        RulingPage.objects.get().url,
        LiteraturePage.objects.get().url,
        library_checklist.url,
        TemplatePage.objects.first().url,
    ]:
        page.goto(live_server.url + path)
        axe(page)
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page.goto(live_server.url + library_checklist.url)
    page.get_by_role("button", name="Neue Bearbeitung beginnen").click()
    page.wait_for_url("**/lauf/**")
    axe(page)
    page.get_by_label("1. Delegation oder Mandat festlegen").check()
    page.get_by_label("Notiz zu Schritt 2").fill("Rechtsamt fragen")
    page.get_by_role("button", name="Speichern", exact=True).click()
    page.wait_for_load_state()
    page.reload()
    assert page.get_by_label("1. Delegation oder Mandat festlegen").is_checked()
    assert page.get_by_label("Notiz zu Schritt 2").input_value() == "Rechtsamt fragen"
    assert not page.get_by_label("3. Entschädigung bemessen").is_checked()
