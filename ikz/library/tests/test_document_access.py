"""/documents/<id>/<name>: only documents of published, public content are public."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from ikz.library.docgen import pdf_bytes


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _document(title: str, **kwargs):
    data = pdf_bytes([("title", title), ("p", "Text")])
    return get_document_model().objects.create(
        title=title, file=ContentFile(data, name=f"{title.lower().replace(' ', '-')}.pdf"), **kwargs
    )


def _template_page(title: str, document, *, publish: bool = True):
    from ikz.library.models import TemplatePage
    from ikz.library.models.documents import EntryDocument
    from ikz.library.tree import library_folder

    page = TemplatePage(
        title=title, slug=title.lower().replace(" ", "-"), summary="Muster", body="<p>Muster</p>"
    )
    page.documents.add(EntryDocument(document=document, label="PDF", sort_order=0))
    library_folder("muster").add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    return page


def _get(client, document):
    return client.get(document.url)


def test_template_of_a_published_page_is_public(client, library_index):
    document = _document("Mustervereinbarung")
    _template_page("Mustervereinbarung Bauhof", document)
    response = _get(client, document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_document_of_a_draft_page_is_hidden_from_the_public_but_not_from_the_redaktion(
    client, library_index, editor
):
    document = _document("Entwurf Satzung")
    _template_page("Entwurf Satzung Bauhof", document, publish=False)
    assert _get(client, document).status_code == 404
    client.force_login(editor)
    assert _get(client, document).status_code == 200


def test_document_of_a_restricted_page_is_hidden_from_the_public_and_shown_to_members(
    client, library_index, member
):
    document = _document("Interne Arbeitshilfe")
    page = _template_page("Interne Arbeitshilfe Bauhof", document)
    PageViewRestriction.objects.create(page=page.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    assert _get(client, document).status_code == 404
    client.force_login(member)
    assert _get(client, document).status_code == 200


def test_document_used_nowhere_is_not_public(client, db):
    document = _document("Hochgeladen und vergessen")
    assert _get(client, document).status_code == 404


def test_document_of_a_draft_project_is_served_to_its_editors_only(
    client, member, member_factory, municipality_factory, project_factory
):
    from ikz.projects.models import ProjectDocument

    document = _document("Ratsbeschluss")
    mine = member.memberships.first().municipality
    project = project_factory(municipalities=[mine], live=False)
    ProjectDocument.objects.create(project=project, document=document, title="Ratsbeschluss")

    assert _get(client, document).status_code == 404
    stranger = member_factory(municipality_factory("05111000"), email="fremd@andere-kommune.nrw.example")
    client.force_login(stranger)
    assert _get(client, document).status_code == 404
    client.force_login(member)
    assert _get(client, document).status_code == 200

    project.live = True
    project.save()
    client.logout()
    assert _get(client, document).status_code == 200


def test_a_rich_text_link_on_a_published_page_makes_the_document_public(client, home_page):
    from wagtail.models import ReferenceIndex

    from ikz.core.models import StandardPage

    document = _document("Flyer")
    page = StandardPage(
        title="Informationen",
        slug="informationen",
        body=[("paragraph", f'<p><a linktype="document" id="{document.pk}">Flyer</a></p>')],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    ReferenceIndex.create_or_update_for_object(page)  # the index is kept by a background task
    assert _get(client, document).status_code == 200
