"""Files follow the fate of their transaction; the sweep finds what a crash left behind."""

import os
import time

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import models
from wagtail.documents import get_document_model

from ikz.core.files import (
    TrackedStorageMixin,
    delete_after_commit,
    files_atomic,
    iter_storage_files,
    orphan_files,
    sweep_areas,
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HOTLINE_ATTACHMENT_ROOT = tmp_path / "hotline"


class Refused(Exception):
    pass


def _age(storage, name: str, seconds: int = 2 * 3600) -> None:
    past = time.time() - seconds
    os.utime(storage.path(name), (past, past))


@pytest.mark.django_db
def test_a_file_written_in_a_rolled_back_block_is_deleted():
    with pytest.raises(Refused), files_atomic():
        name = default_storage.save("documents/vertrag.pdf", ContentFile(b"%PDF-1.4"))
        assert default_storage.exists(name)
        raise Refused
    assert not default_storage.exists(name)


@pytest.mark.django_db
def test_a_committed_block_keeps_its_file_and_an_outer_rollback_removes_the_inner_files():
    with files_atomic():
        kept = default_storage.save("documents/kept.pdf", ContentFile(b"%PDF-1.4"))
    assert default_storage.exists(kept)
    with pytest.raises(Refused), files_atomic():
        with files_atomic():
            inner = default_storage.save("documents/inner.pdf", ContentFile(b"%PDF-1.4"))
        assert default_storage.exists(inner)
        raise Refused
    assert not default_storage.exists(inner)
    assert default_storage.exists(kept)


@pytest.mark.django_db
def test_the_decorator_form_is_safe_to_reuse():
    @files_atomic
    def store(fail: bool) -> str:
        name = default_storage.save("documents/x.txt", ContentFile(b"x"))
        if fail:
            raise Refused(name)
        return name

    first = store(False)
    with pytest.raises(Refused) as refused:
        store(True)
    assert default_storage.exists(first)
    assert not default_storage.exists(refused.value.args[0])


@pytest.mark.django_db
def test_delete_after_commit_keeps_the_file_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks,
):
    field = get_document_model()._meta.get_field("file")
    name = default_storage.save("documents/satzung.pdf", ContentFile(b"%PDF-1.4"))
    field_file = field.attr_class(None, field, name)
    with pytest.raises(Refused), files_atomic():
        delete_after_commit(field_file)
        raise Refused
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True), files_atomic():
        delete_after_commit(field_file)
        assert default_storage.exists(name)  # not before the commit
    assert not default_storage.exists(name)


@pytest.mark.django_db
def test_every_file_field_writes_through_a_tracked_storage_into_a_swept_directory():
    """Closes the class: a new model with a FileField is covered, or this test names it."""
    areas = sweep_areas()  # refuses a field that writes straight into MEDIA_ROOT
    covered = {(model, field.name) for area in areas for model, field in area.fields}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                assert isinstance(field.storage, TrackedStorageMixin), f"{model._meta.label}.{field.name}"
                assert (model, field.name) in covered
    assert any(area.directory == "documents" for area in areas)


@pytest.mark.django_db
def test_sweep_removes_old_orphans_and_keeps_referenced_and_young_files():
    from ikz.hotline.models import attachment_storage

    Document = get_document_model()
    document = Document.objects.create(title="Satzung", file=ContentFile(b"%PDF-1.4", name="satzung.pdf"))
    orphan = default_storage.save("documents/verwaist.pdf", ContentFile(b"%PDF-1.4"))
    young = default_storage.save("documents/gerade-geschrieben.pdf", ContentFile(b"%PDF-1.4"))
    hotline_orphan = attachment_storage.save("2026/11/IKZ-2026-000001-anhang.pdf", ContentFile(b"%PDF-1.4"))
    unrelated = default_storage.save("export/bericht.csv", ContentFile(b"a;b"))  # no FileField writes here
    for name in (document.file.name, orphan, unrelated):
        _age(default_storage, name)
    _age(attachment_storage, hotline_orphan)

    assert sorted(name for _area, name in orphan_files()) == sorted([orphan, hotline_orphan])

    call_command("sweep_orphan_files", "--dry-run")
    assert default_storage.exists(orphan)

    call_command("sweep_orphan_files")
    assert not default_storage.exists(orphan)
    assert not attachment_storage.exists(hotline_orphan)
    assert default_storage.exists(document.file.name)
    assert default_storage.exists(young)
    assert default_storage.exists(unrelated)


@pytest.mark.django_db
def test_a_refused_project_save_leaves_no_document(member, municipality_factory, monkeypatch):
    from ikz.projects import services

    monkeypatch.setattr(services, "DRAFTS_PER_HOUR", 0)
    upload = services.DocumentUpload(
        title="Vereinbarung", file=ContentFile(b"%PDF-1.4 test", name="vereinbarung.pdf"), user=member
    )
    before = get_document_model().objects.count()
    with pytest.raises(services.RateLimited):
        services.project_create_draft(
            user=member,
            fields={"title": "Gemeinsamer Bauhof"},
            task_area_ids=[],
            participants=[{"municipality": municipality_factory(), "role": "lead"}],
            documents=[upload],
        )
    assert get_document_model().objects.count() == before
    assert list(iter_storage_files(default_storage, "documents")) == []


@pytest.mark.django_db
def test_a_stored_project_document_is_kept(member, municipality_factory):
    from ikz.projects import services

    upload = services.DocumentUpload(
        title="Vereinbarung", file=ContentFile(b"%PDF-1.4 test", name="vereinbarung.pdf"), user=member
    )
    project = services.project_create_draft(
        user=member,
        fields={"title": "Gemeinsamer Bauhof"},
        task_area_ids=[],
        participants=[{"municipality": municipality_factory(), "role": "lead"}],
        documents=[upload],
    )
    document = project.documents.get().document
    assert document.title == "Vereinbarung"
    assert default_storage.exists(document.file.name)
    assert document.uploaded_by_user == member


@pytest.mark.django_db
def test_a_failed_inquiry_leaves_no_attachment(monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ikz.hotline import services
    from ikz.hotline.models import Inquiry, attachment_storage

    def broken(**kwargs):
        raise Refused("Mailserver nicht erreichbar")

    monkeypatch.setattr(services.emails, "editorial_notify", broken)
    with pytest.raises(Refused):
        services.inquiry_submit(
            subject="Frage zur Vereinbarung",
            question="Wie wird gekündigt?",
            name="Erika Muster",
            email="erika@kommune.nrw.example",
            consent_text="Ich willige ein.",
            attachment=SimpleUploadedFile("vertrag.pdf", b"%PDF-1.4 test"),
        )
    assert not Inquiry.objects.exists()
    assert list(iter_storage_files(attachment_storage)) == []
