import io
import zipfile

import pytest


@pytest.fixture(autouse=True)
def _hotline_settings(settings, tmp_path):
    settings.HOTLINE_ATTACHMENT_ROOT = tmp_path / "hotline"
    settings.HOTLINE_MIN_FILL_SECONDS = 0
    settings.PORTAL_BASE_URL = "https://ikz.example"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()
