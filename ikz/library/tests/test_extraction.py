import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ikz.library.docgen import docx_bytes, odt_bytes, pdf_bytes
from ikz.library.extraction import UnsupportedFile, extract_text, sniff
from ikz.library.forms import LibraryDocumentForm

BLOCKS = [
    ("title", "Mustervereinbarung Bauhof"),
    ("p", "Die Gemeinde übernimmt die Aufgabe nach § 23 GkG NRW."),
]


@pytest.mark.parametrize(("maker", "kind"), [(docx_bytes, "docx"), (odt_bytes, "odt"), (pdf_bytes, "pdf")])
def test_text_is_extracted_from_real_files(maker, kind):
    data = maker(BLOCKS)
    assert sniff(data) == kind
    text = extract_text(data)
    assert "Mustervereinbarung Bauhof" in text
    assert "übernimmt die Aufgabe" in text


def test_file_without_text_fails_cleanly():
    with pytest.raises(UnsupportedFile):
        extract_text(b"%PDF-1.4\n%%EOF")


def _form(name: str, data: bytes):
    from wagtail.documents import get_document_model
    from wagtail.documents.forms import get_document_form

    form_class = get_document_form(get_document_model())
    assert issubclass(form_class, LibraryDocumentForm)
    return form_class(
        data={"title": name},
        files={"file": SimpleUploadedFile(name, data)},
        user=None,
    )


@pytest.mark.django_db
def test_disguised_executable_is_refused(settings):
    form = _form("vertrag.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200)
    assert not form.is_valid()
    assert "ausführbares Programm" in str(form.errors["file"])


@pytest.mark.django_db
def test_wrong_extension_is_refused():
    form = _form("vertrag.docx", odt_bytes(BLOCKS))
    assert not form.is_valid()
    assert "passt nicht zur Dateiendung" in str(form.errors["file"])


@pytest.mark.django_db
def test_too_large_file_is_refused(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    form = _form("vertrag.pdf", pdf_bytes(BLOCKS))
    assert not form.is_valid()


@pytest.mark.django_db(transaction=True)
def test_upload_is_extracted_in_background_and_failure_keeps_file(home_page, settings):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    document_model = get_document_model()
    good = document_model(title="Gut", collection=Collection.get_first_root_node())
    good.file.save("gut.docx", ContentFile(docx_bytes(BLOCKS)))
    broken = document_model(title="Kaputt", collection=Collection.get_first_root_node())
    broken.file.save("kaputt.pdf", ContentFile(b"%PDF-1.4 kaputt"))
    good.refresh_from_db()
    broken.refresh_from_db()
    assert good.library_text.status == "done" and "Mustervereinbarung" in good.library_text.text
    assert broken.library_text.status == "failed" and broken.library_text.error
    assert document_model.objects.filter(pk=broken.pk).exists()
