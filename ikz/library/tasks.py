"""Background work of the library: text extraction from uploaded documents."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def extract_document_text(*, document_id: int) -> str:
    """Extract the text of one document; a failure is recorded on the document, the file is kept."""
    from wagtail.documents import get_document_model

    from .extraction import UnsupportedFile, extract_text
    from .models import DocumentText
    from .models.documents import ExtractionStatus

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return "missing"
    record, _ = DocumentText.objects.get_or_create(document=document)
    try:
        with document.open_file() as handle:
            data = handle.read()
        record.text = extract_text(data)
        record.status, record.error = ExtractionStatus.DONE, ""
    except UnsupportedFile as exc:
        record.text, record.status, record.error = "", ExtractionStatus.FAILED, str(exc)
    except Exception as exc:  # a broken file must never lose the upload; keep the reason
        logger.warning("Textextraktion für Dokument %s fehlgeschlagen", document_id, exc_info=True)
        record.text, record.status = "", ExtractionStatus.FAILED
        record.error = f"Text konnte nicht gelesen werden ({type(exc).__name__})."
    record.file_hash = document.file_hash or ""
    record.save()
    _reindex_pages_using(document)
    return record.status


def _reindex_pages_using(document) -> None:
    from wagtail.search.index import insert_or_update_object

    from .models import EntryDocument

    for item in EntryDocument.objects.filter(document=document).select_related("page"):
        insert_or_update_object(item.page.specific)
