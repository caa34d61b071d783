"""Start text extraction whenever a Wagtail document is saved with a new file.

A signal is the one hook that catches every way a document is created (single upload,
multiple upload, API, code); the work itself is a task, enqueued after commit.
"""

from django.db import transaction
from django.db.models.signals import post_save


def _document_saved(sender, instance, created, **kwargs):
    from .models.documents import DocumentText, ExtractionStatus
    from .tasks import extract_document_text

    if kwargs.get("raw"):
        return
    current_hash = instance.file_hash or ""
    record, made = DocumentText.objects.get_or_create(document=instance)
    if not made and record.file_hash == current_hash and record.status != ExtractionStatus.PENDING:
        return  # only title or tags changed
    DocumentText.objects.filter(pk=record.pk).update(status=ExtractionStatus.PENDING, error="")
    document_id = instance.pk
    transaction.on_commit(lambda: extract_document_text.enqueue(document_id=document_id))


def connect() -> None:
    from wagtail.documents import get_document_model

    post_save.connect(_document_saved, sender=get_document_model(), dispatch_uid="ikz.library.document_saved")
