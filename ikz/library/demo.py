"""Demo set-up of the library: tree, packaged content, example checklists and templates. Idempotent."""

import datetime
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from ikz.core.taxonomy import TaskArea

from .demo_content import CHECKLISTS, TEMPLATES
from .docgen import WRITERS
from .importer import ImportSummary, import_entries, open_lines
from .markdown_laws import law_excerpt_entries, law_metadata
from .models import (
    ChecklistPage,
    ChecklistStep,
    EntryDocument,
    LawPage,
    LegalFormOption,
    LibraryEntryPage,
    PublicRelationsPage,
    TemplatePage,
)
from .models.base import legal_forms_sync
from .models.entries import MaterialType
from .tree import ascii_slug, library_folder, library_tree_ensure

DATA = Path(__file__).resolve().parent / "data"
GKG_FILE = DATA / "law" / "gkg_nrw_auszug.md"
# Where the laws and examples belong in the taxonomy (by external_id of the law page).
LAW_CLASSIFICATION = {
    "nrw:gkg_nrw": (
        ["arbeitsgemeinschaft", "zweckverband", "oerv", "gku", "privatrechtlich"],
        ["verwaltung"],
    ),
    "bund:gwb": (["oerv", "zweckverband", "gku", "privatrechtlich"], ["vergabestelle"]),
    "bund:ustg_1980": (["oerv", "zweckverband", "gku"], ["kasse"]),
    "bund:vwvfg": (["oer_vertrag"], ["verwaltung"]),
    "nrw:go_nrw": (["gku", "privatrechtlich"], ["verwaltung"]),  # 11. Teil: Unternehmen, AöR (§ 114a)
    "nrw:vwvfg_nrw": (["oer_vertrag"], ["verwaltung"]),
    "nrw:kro_nrw": ([], ["verwaltung"]),
}


def _json_lines(entries: Iterable[dict]) -> Iterable[str]:
    return (json.dumps(entry, ensure_ascii=False) for entry in entries)


def packaged_entries(kind: str) -> list[dict]:
    """rulings.json / literature.json as import entries (values untouched, nulls stay null)."""
    if kind == "ruling":
        rows = json.loads((DATA / "rulings.json").read_text(encoding="utf-8"))["rulings"]
    else:
        rows = json.loads((DATA / "literature.json").read_text(encoding="utf-8"))["references"]
    return [{**row, "external_id": row["id"], "kind": kind} for row in rows]


def _classify(page: LibraryEntryPage, legal_forms: list[str], areas: list[str], *, save: bool = True) -> None:
    """Parental M2M values live on the instance until the page is saved (or its revision published)."""
    page.legal_forms.set(LegalFormOption.objects.filter(code__in=legal_forms))
    page.task_areas.set(TaskArea.objects.filter(slug__in=areas))
    if save:
        page.save()


def _document(title: str, filename: str, data: bytes):
    document_model = get_document_model()
    existing = document_model.objects.filter(title=title).first()
    if existing:
        return existing
    content = ContentFile(data)
    document = document_model(
        title=title,
        collection=Collection.get_first_root_node(),
        # what Wagtail's upload form stores; the page shows the size beside each download
        file_size=len(data),
        file_hash=hash_filelike(content),
    )
    document.file.save(filename, content, save=False)
    document.save()
    return document


@transaction.atomic
def _checklists(today: datetime.date) -> int:
    folder = library_folder("checklisten")
    created = 0
    for spec in CHECKLISTS:
        if ChecklistPage.objects.filter(external_id=spec["external_id"]).exists():
            continue  # never overwrite what the Redaktion has edited
        page = ChecklistPage(
            title=spec["title"],
            slug=ascii_slug(spec["title"]),
            external_id=spec["external_id"],
            intro=spec["intro"],
            is_example=True,
            last_reviewed=today,
            summary=spec["intro"].replace("<p>", "").replace("</p>", "")[:300],
        )
        for position, (title, explanation, references) in enumerate(spec["steps"]):
            page.steps.add(
                ChecklistStep(
                    title=title, explanation=explanation, references=references, sort_order=position
                )
            )
        _classify(page, spec["legal_forms"], ["verwaltung"], save=False)
        folder.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created


@transaction.atomic
def _templates(today: datetime.date) -> int:
    created = 0
    for spec in TEMPLATES:
        model = TemplatePage if spec["kind"] == "template" else PublicRelationsPage
        if model.objects.filter(external_id=spec["external_id"]).exists():
            continue
        folder = library_folder("muster" if spec["kind"] == "template" else "oeffentlichkeitsarbeit")
        page = model(
            title=spec["title"],
            slug=spec["slug"],
            external_id=spec["external_id"],
            body=spec["body"],
            is_example=True,
            last_reviewed=today,
            summary=spec["body"].replace("<p>", "").replace("</p>", "")[:300],
        )
        if model is PublicRelationsPage:
            page.material_type = MaterialType.PRESS_RELEASE
        for position, extension in enumerate(spec["formats"]):
            # The title tells the files apart in the admin; the page names each format itself
            # ("Word (DOCX, 12 KB)"), so the label stays empty instead of repeating "DOCX".
            document = _document(
                f"{spec['title']} ({extension.upper()})",
                f"{spec['slug']}.{extension}",
                WRITERS[extension](spec["document"]),
            )
            page.documents.add(EntryDocument(document=document, label="", sort_order=position))
        _classify(page, spec["legal_forms"], ["verwaltung"], save=False)
        folder.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created


def law_provenance_sync() -> None:
    """Give the GkG NRW page the source URL, date and Fassung its data file names (the importer only
    knows the sections: it would keep the scheme of the first section's URL as the law's source)."""
    law = LawPage.objects.filter(external_id="nrw:gkg_nrw").first()
    if law is None:
        return
    meta = law_metadata(GKG_FILE)
    law.source = meta["source"]
    law.version = meta["version"]
    law.version_date = datetime.date.fromisoformat(meta["version_date"]) if meta["version_date"] else None
    law.save(update_fields=["source", "version", "version_date"])


def library_demo_setup(*, progress: Callable[[str], None] | None = None) -> dict[str, ImportSummary | int]:
    """Create /wissen/ and fill it with the packaged real content and the examples. Idempotent."""
    say = progress or (lambda message: None)
    today = timezone.localdate()
    legal_forms_sync()
    library_tree_ensure()
    results: dict[str, ImportSummary | int] = {}
    # The corpus wins on shared external_ids, and an excerpt it holds whole is not imported at all:
    # replacing one by the other on every run would keep the excerpt as an "earlier Fassung".
    corpus_ids = {
        json.loads(line)["external_id"] for line in open_lines(DATA / "bundesrecht_sections.jsonl.gz")
    }
    excerpts = (e for e in law_excerpt_entries(DATA / "law") if e["external_id"] not in corpus_ids)
    results["excerpts"] = import_entries(_json_lines(excerpts))
    say(f"Gesetzesauszüge: {results['excerpts'].text()}")
    results["corpus"] = import_entries(open_lines(DATA / "bundesrecht_sections.jsonl.gz"))
    say(f"Bundesrecht: {results['corpus'].text()}")
    results["rulings"] = import_entries(_json_lines(packaged_entries("ruling")))
    say(f"Urteile: {results['rulings'].text()}")
    results["literature"] = import_entries(_json_lines(packaged_entries("literature")))
    say(f"Fachliteratur: {results['literature'].text()}")
    for key, (forms, areas) in LAW_CLASSIFICATION.items():
        law = LawPage.objects.filter(external_id=key).first()
        if law is not None:
            _classify(law, forms, areas)
    law_provenance_sync()
    results["checklists"] = _checklists(today)
    results["templates"] = _templates(today)
    say(
        f"Beispiele: {results['checklists']} Checklisten, {results['templates']} Muster/Material neu angelegt."
    )
    return results
