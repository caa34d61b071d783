"""Crafted archives: a small upload must not make a worker inflate hundreds of megabytes.

The checks are measured with tracemalloc (every bytes object Python builds is counted), so the
tests fail if any code path reads a whole member into memory again.
"""

import gzip
import io
import tracemalloc
import zipfile

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ikz.core.files import ArchiveTooLarge, zip_open_checked
from ikz.hotline.attachments import attachment_validate
from ikz.library import importer
from ikz.library.extraction import UnsupportedFile, extract_text
from ikz.library.forms import check_upload

BOMB_MEMBER = 400 * 1024 * 1024  # as in the finding: a 400 MB run of zeros
MEMORY_BUDGET = 8 * 1024 * 1024  # what a check may allocate beyond the upload itself


def _zip(members: dict[str, bytes | int]) -> bytes:
    """A ZIP file; an int member is that many zero bytes, written in chunks (never held whole)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            if isinstance(content, int):
                info = zipfile.ZipInfo(name)
                info.compress_type = zipfile.ZIP_DEFLATED
                with archive.open(info, "w", force_zip64=True) as member:
                    chunk = bytes(1024 * 1024)
                    for _ in range(content // len(chunk)):
                        member.write(chunk)
            else:
                archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def odt_bomb() -> bytes:
    # the mimetype member itself is the bomb (the code path of the finding)
    data = _zip({"mimetype": BOMB_MEMBER, "content.xml": b"<office:document-content/>"})
    assert len(data) < 1024 * 1024
    return data


@pytest.fixture(scope="module")
def odt_content_bomb() -> bytes:
    return _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": BOMB_MEMBER})


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": BOMB_MEMBER})


def _peak(function, *args) -> tuple[int, Exception | None]:
    tracemalloc.start()
    try:
        function(*args)
        error = None
    except Exception as exc:  # the caller asserts on the error
        error = exc
    finally:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak, error


@pytest.mark.parametrize("bomb", ["odt_bomb", "odt_content_bomb", "docx_bomb"])
def test_library_upload_check_refuses_a_zip_bomb_without_inflating_it(bomb, request):
    data = request.getfixturevalue(bomb)
    name = "vorlage.docx" if bomb == "docx_bomb" else "vorlage.odt"
    peak, error = _peak(check_upload, SimpleUploadedFile(name, data))
    assert isinstance(error, forms.ValidationError)
    message = " ".join(error.messages)
    assert "wird nicht angenommen" in message and "entpackt" in message
    assert peak < len(data) * 3 + MEMORY_BUDGET, f"{peak / 1024 / 1024:.0f} MB"


@pytest.mark.parametrize("bomb", ["odt_bomb", "docx_bomb"])
def test_hotline_attachment_check_refuses_a_zip_bomb_without_inflating_it(bomb, request):
    data = request.getfixturevalue(bomb)
    name = "anhang.docx" if bomb == "docx_bomb" else "anhang.odt"
    peak, error = _peak(attachment_validate, SimpleUploadedFile(name, data))
    assert isinstance(error, ValidationError)
    assert "nicht angenommen" in " ".join(error.messages)
    assert peak < len(data) * 3 + MEMORY_BUDGET, f"{peak / 1024 / 1024:.0f} MB"


@pytest.mark.parametrize("bomb", ["odt_content_bomb", "docx_bomb"])
def test_text_extraction_refuses_a_zip_bomb_without_inflating_it(bomb, request):
    data = request.getfixturevalue(bomb)
    peak, error = _peak(extract_text, data)
    assert isinstance(error, UnsupportedFile)
    assert "entpackt" in str(error)
    assert peak < len(data) * 3 + MEMORY_BUDGET, f"{peak / 1024 / 1024:.0f} MB"


def test_a_member_that_inflates_beyond_the_stream_limit_is_cut_off(monkeypatch):
    """Declared sizes within the limit, but more text than the extraction reads: bounded all the same."""
    from ikz.library import extraction

    monkeypatch.setattr(extraction, "MAX_XML_BYTES", 64 * 1024)
    paragraphs = b"".join(b"<text:p>Absatz %d</text:p>" % i for i in range(20_000))
    data = _zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b'<office:document-content xmlns:text="urn:t">'
            + paragraphs
            + b"</office:document-content>",
        }
    )
    with pytest.raises(UnsupportedFile, match="entpackt"):
        extract_text(data)


def test_a_real_document_still_passes_every_check():
    from ikz.library.docgen import docx_bytes, odt_bytes, pdf_bytes

    blocks = [("title", "Öffentlich-rechtliche Vereinbarung"), ("p", "§ 1 Gegenstand"), ("p", "§ 2 Kosten")]
    for name, writer in (
        ("vorlage.docx", docx_bytes),
        ("vorlage.odt", odt_bytes),
        ("vorlage.pdf", pdf_bytes),
    ):
        content = writer(blocks)
        check_upload(SimpleUploadedFile(name, content))
        attachment_validate(SimpleUploadedFile(name, content))
        assert "§ 2 Kosten" in extract_text(content)


def test_an_archive_with_too_many_members_is_refused():
    data = _zip({f"teil{i}.xml": b"<a/>" for i in range(50)})
    with pytest.raises(ArchiveTooLarge, match="zu viele Teile"):
        zip_open_checked(data, max_members=10)


def test_the_jsonl_importer_reads_a_gzip_bomb_line_by_bounded_line(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_LINE_BYTES", 1024 * 1024)
    path = tmp_path / "bombe.jsonl.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(b'{"kind": "law"}\n')
        chunk = b"0" * (1024 * 1024)
        for _ in range(200):  # 200 MB without a line break
            handle.write(chunk)
    tracemalloc.start()
    try:
        lines = importer.open_lines(path)
        assert next(lines) == '{"kind": "law"}\n'
        with pytest.raises(ArchiveTooLarge, match="Zeile ist länger"):
            next(lines)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024 + MEMORY_BUDGET, f"{peak / 1024 / 1024:.0f} MB"
