"""PDFs with scripts or automatic actions are refused on every upload path – also when the action
sits in a compressed object stream (PDF 1.5) or hides behind name escapes (`/J#61vaScript`).

The PDFs are built here byte by byte (with correct cross-reference tables and streams) and read
back with pypdf, so each test file is a PDF a reader really opens, with the action where a
reader finds it.
"""

import io
import zlib

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ikz.core import pdf_check
from ikz.hotline.attachments import attachment_validate
from ikz.library.docgen import Document, Paragraph, pdf_bytes
from ikz.library.forms import check_upload
from ikz.workshop import files
from ikz.workshop.models import WorkshopDocument

JS_ACTION = b"<< /Type /Action /S /JavaScript /JS (app.alert\\('hallo'\\)) >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"


def classic_pdf(catalog: bytes, extra: dict[int, bytes] | None = None) -> bytes:
    """PDF 1.4: every object in the file as it is, a classic xref table."""
    objects = {1: catalog, 2: PAGES, 3: PAGE, **(extra or {})}
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, objects[number]))
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[number])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
    return out.getvalue()


def object_stream_pdf(compressed: dict[int, bytes], predictor: bool = False) -> bytes:
    """PDF 1.5: objects 1.. in one FlateDecode object stream (4), a cross-reference stream (5).

    Only the page (3) stays outside; the catalog and everything in `compressed` are in the
    compressed object stream, where the file's raw bytes do not show them.
    """
    numbers = sorted(compressed)
    header, body = b"", b""
    for number in numbers:
        header += b"%d %d " % (number, len(body))
        body += compressed[number] + b"\n"
    first = len(header)
    stream = zlib.compress(header + body)
    assert b"JavaScript" not in stream and b"/JS" not in stream
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    page_offset = out.tell()
    out.write(b"3 0 obj\n%s\nendobj\n" % PAGE)
    objstm_offset = out.tell()
    out.write(
        b"4 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(numbers), first, len(stream))
    )
    out.write(stream + b"\nendstream\nendobj\n")
    xref_offset = out.tell()
    size = max(numbers + [5]) + 1
    rows = [b"\x00" + (0).to_bytes(4, "big") + b"\xff"]  # object 0: free
    for number in range(1, size):
        if number in compressed:
            rows.append(b"\x02" + (4).to_bytes(4, "big") + bytes([numbers.index(number)]))
        elif number == 3:
            rows.append(b"\x01" + page_offset.to_bytes(4, "big") + b"\x00")
        elif number == 4:
            rows.append(b"\x01" + objstm_offset.to_bytes(4, "big") + b"\x00")
        else:  # 5: the cross-reference stream itself
            rows.append(b"\x01" + xref_offset.to_bytes(4, "big") + b"\x00")
    table = b"".join(rows)
    params = b""
    if predictor:  # PNG "Up" predictor, as Acrobat writes xref streams
        width, previous, encoded = 6, bytes(6), b""
        for start in range(0, len(table), width):
            row = table[start : start + width]
            encoded += b"\x02" + bytes((row[i] - previous[i]) & 0xFF for i in range(width))
            previous = row
        table = encoded
        params = b" /DecodeParms << /Predictor 12 /Columns 6 >>"
    xref_data = zlib.compress(table)
    out.write(
        b"5 0 obj\n<< /Type /XRef /Size %d /W [1 4 1] /Root 1 0 R /Filter /FlateDecode%s /Length %d >>\nstream\n"
        % (size, params, len(xref_data))
    )
    out.write(xref_data + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset)
    return out.getvalue()


def _open_action(data: bytes):
    """What a reader runs on opening the file (pypdf resolves object streams like Acrobat)."""
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    action = reader.trailer["/Root"].get("/OpenAction")
    return action.get_object() if action is not None else None


PLAIN_JS = classic_pdf(b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", {4: JS_ACTION})
COMPRESSED_JS = object_stream_pdf(
    {1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>", 2: PAGES, 6: JS_ACTION}
)
ESCAPED_JS = object_stream_pdf(
    {
        1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>",
        2: PAGES,
        6: b"<< /Type /Action /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>",
    }
)
COMPRESSED_LAUNCH = object_stream_pdf(
    {
        1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>",
        2: PAGES,
        6: b"<< /Type /Action /S /Launch /F (cmd.exe) >>",
    }
)
COMPRESSED_EMBEDDED = object_stream_pdf(
    {
        1: b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 6 0 R >> >>",
        2: PAGES,
        6: b"<< /Names [] >>",
    }
)
CLEAN_COMPRESSED = object_stream_pdf(
    {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: PAGES, 6: b"<< /Producer (Kreis Lippe) >>"}, predictor=True
)


def test_the_test_pdfs_are_real_and_a_reader_finds_the_action():
    for data in (PLAIN_JS, COMPRESSED_JS):
        action = _open_action(data)
        assert (action["/S"], action["/JS"]) == ("/JavaScript", "app.alert('hallo')")
    assert _open_action(ESCAPED_JS)["/S"] == "/JavaScript"  # pypdf decodes the name escapes too
    assert _open_action(COMPRESSED_LAUNCH)["/S"] == "/Launch"
    assert _open_action(CLEAN_COMPRESSED) is None
    # the old check (the raw bytes) saw only the plain one
    for data in (COMPRESSED_JS, ESCAPED_JS, COMPRESSED_LAUNCH, COMPRESSED_EMBEDDED):
        assert b"/JavaScript" not in data and b"/JS" not in data and b"/Launch" not in data
        assert b"/EmbeddedFiles" not in data


ACTIVE = [
    pytest.param(PLAIN_JS, id="plain"),
    pytest.param(COMPRESSED_JS, id="object-stream"),
    pytest.param(ESCAPED_JS, id="name-escapes"),
    pytest.param(COMPRESSED_LAUNCH, id="launch"),
    pytest.param(COMPRESSED_EMBEDDED, id="embedded-files"),
]


@pytest.mark.parametrize("data", ACTIVE)
@pytest.mark.parametrize("check", [check_upload, attachment_validate, files.upload_check])
def test_every_pdf_upload_path_refuses_active_content(check, data):
    with pytest.raises(ValidationError) as caught:
        check(SimpleUploadedFile("Vereinbarung.pdf", data))
    assert (
        "„Vereinbarung.pdf“ enthält aktive Inhalte (JavaScript, automatisch startende Aktionen oder "
        "eingebettete Dateien) und wird deshalb nicht angenommen." in " ".join(caught.value.messages)
    )


@pytest.mark.parametrize("check", [check_upload, attachment_validate, files.upload_check])
def test_normal_pdfs_are_accepted_on_every_path(check):
    generated = pdf_bytes(Document(title="Vereinbarung", blocks=[Paragraph("Beispiel")]))  # fpdf2, compressed
    for data in (generated, CLEAN_COMPRESSED):
        check(SimpleUploadedFile("Vereinbarung.pdf", data))  # no error
    assert pdf_check.pdf_problem(generated) is None


def test_other_filters_in_an_object_stream_are_decoded_too():
    import base64

    body = b"1 0 " + JS_ACTION
    head = b"<< /Type /ObjStm /N 1 /First 4 "
    hexed = head + b"/Filter /ASCIIHexDecode >>\nstream\n" + body.hex().encode() + b">\nendstream"
    a85 = head + b"/Filter [/A85 /Fl] >>\nstream\n" + base64.a85encode(zlib.compress(body)) + b"~>\nendstream"
    for stream in (hexed, a85):
        assert pdf_check.pdf_problem(b"%PDF-1.5\n4 0 obj\n" + stream + b"\nendobj\n") == pdf_check.ACTIVE


def test_a_compressed_bomb_in_an_object_stream_is_not_inflated_beyond_the_cap():
    bomb = zlib.compress(bytes(pdf_check.MAX_STREAM_BYTES + 1024), 9)
    data = (
        b"%%PDF-1.5\n4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(bomb)
        + bomb
        + b"\nendstream\nendobj\n"
    )
    assert len(data) < 100_000
    assert pdf_check.pdf_problem(data) == pdf_check.UNCHECKABLE
    with pytest.raises(ValidationError, match="lässt sich nicht prüfen"):
        check_upload(SimpleUploadedFile("Gross.pdf", data))


def test_an_unknown_filter_or_encryption_cannot_be_checked_and_is_refused():
    unknown = b"%PDF-1.5\n4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /Crypt >>\nstream\nxyz\nendstream\nendobj\n"
    assert pdf_check.pdf_problem(unknown) == pdf_check.UNCHECKABLE
    encrypted = PLAIN_JS.replace(b"/JavaScript /JS", b"/Foo /Bar").replace(
        b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 9 0 R"
    )
    with pytest.raises(ValidationError, match="verschlüsselt oder mit einem Kennwort geschützt"):
        check_upload(SimpleUploadedFile("Geschuetzt.pdf", encrypted))


@pytest.fixture
def _file_root(settings, tmp_path):
    settings.WORKSHOP_FILE_ROOT = tmp_path / "werkstatt"


@pytest.mark.django_db
@pytest.mark.usefixtures("_file_root")
def test_the_werkstatt_refuses_the_compressed_action_in_german_and_keeps_a_normal_pdf(client, workshop, lead):
    client.force_login(lead)
    url = reverse("workshop:documents", args=[workshop.key])
    response = client.post(
        url, {"title": "Vertrag", "comment": "", "file": SimpleUploadedFile("Vertrag.pdf", COMPRESSED_JS)}
    )
    assert response.status_code == 400
    assert "„Vertrag.pdf“ enthält aktive Inhalte" in response.content.decode()
    assert not WorkshopDocument.objects.exists()
    response = client.post(
        url, {"title": "Vertrag", "comment": "", "file": SimpleUploadedFile("Vertrag.pdf", CLEAN_COMPRESSED)}
    )
    assert response.status_code == 302
    assert WorkshopDocument.objects.get().versions.get().kind == "pdf"


def test_a_file_built_to_keep_the_worker_busy_is_refused_without_checking_every_stream():
    one = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n" + zlib.compress(b"1 0 << >>")

    def built(count: int) -> bytes:
        return b"%PDF-1.5\n" + b"".join(
            b"%d 0 obj\n" % i + one + b"\nendstream\nendobj\n" for i in range(count)
        )

    assert pdf_check.pdf_problem(built(pdf_check.MAX_OBJECT_STREAMS)) is None
    assert pdf_check.pdf_problem(built(pdf_check.MAX_OBJECT_STREAMS + 1)) == pdf_check.UNCHECKABLE
