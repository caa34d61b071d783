"""Forms: the document upload check (Wagtail admin) and the checklist run."""

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

from ikz.core.files import ArchiveTooLarge
from ikz.core.pdf_check import check_pdf

from .extraction import compatible, sniff

DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024


def check_upload(uploaded) -> None:
    """Refuse a file whose content does not match its name, that is too large, or a PDF with
    active content (ikz.core.pdf_check: the one rule for every PDF upload)."""
    limit = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None) or DEFAULT_MAX_UPLOAD
    if uploaded.size > limit:
        raise forms.ValidationError(
            _("Die Datei ist zu groß (%(size)s). Erlaubt sind höchstens %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
        )
    name = uploaded.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    try:
        detected = sniff(data)  # opens ZIP containers through the bounded readers of ikz.core.files
    except ArchiveTooLarge as error:
        raise forms.ValidationError(
            _(
                "„%(name)s“ wird nicht angenommen: %(reason)s Bitte laden Sie das Dokument in üblicher Form hoch."
            )
            % {"name": name, "reason": str(error)}
        ) from error
    if not compatible(extension, detected):
        if data[:2] == b"MZ" or data[:4] == b"\x7fELF":
            raise forms.ValidationError(
                _("„%(name)s“ ist ein ausführbares Programm und wird nicht angenommen.") % {"name": name}
            )
        raise forms.ValidationError(
            _(
                "Der Inhalt von „%(name)s“ passt nicht zur Dateiendung „.%(ext)s“. "
                "Bitte laden Sie ein echtes PDF-, DOCX- oder ODT-Dokument hoch."
            )
            % {"name": name, "ext": extension or "?"}
        )
    if detected == "pdf":
        check_pdf(data, name)


class LibraryDocumentForm(BaseDocumentForm):
    """Wagtail's document form plus a check of the file's content (WAGTAILDOCS_DOCUMENT_FORM_BASE)."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):  # a new file, not the stored one on edit
            check_upload(uploaded)
        return uploaded
