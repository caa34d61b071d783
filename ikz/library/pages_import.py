"""Create or update ruling and literature pages from import entries (by external_id).

Values are taken as they are: a null stays empty, nothing is filled in from elsewhere.
"""

import datetime

from .models import LiteraturePage, RulingPage
from .models.entries import LiteratureType
from .validators import validate_ecli, validate_file_number


def _s(entry: dict, key: str, max_length: int | None = None) -> str:
    value = entry.get(key)
    if value is None:
        return ""
    if isinstance(value, list):
        value = "\n".join(str(v) for v in value if v)
    value = str(value).strip()
    if max_length and len(value) > max_length:
        raise ValueError(f"Feld „{key}“ ist länger als {max_length} Zeichen")
    return value


def _date(entry: dict, key: str) -> datetime.date | None:
    value = entry.get(key)
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"Feld „{key}“ ist kein Datum (JJJJ-MM-TT): {value!r}") from None


def _save(page, folder_slug: str, created: bool) -> None:
    from .tree import ascii_slug, library_folder

    if created:
        folder = library_folder(folder_slug)
        base = ascii_slug(page.title)
        slug, n = base, 1
        while folder.get_children().filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        page.slug = slug
        folder.add_child(instance=page)
    page.save_revision().publish()


def ruling_upsert(entry: dict) -> bool:
    """Returns True if the ruling was created, False if updated."""
    external_id = _s(entry, "external_id") or _s(entry, "id")
    if not external_id:
        raise ValueError("Pflichtfeld „external_id“ fehlt")
    court = _s(entry, "court", 200)
    if not court:
        raise ValueError("Pflichtfeld „court“ fehlt")
    ecli, file_number = _s(entry, "ecli", 100), _s(entry, "file_number", 100)
    validate_ecli(ecli)
    validate_file_number(file_number)
    page = RulingPage.objects.filter(external_id=external_id).first()
    created = page is None
    page = page or RulingPage(external_id=external_id)
    decision_date = _date(entry, "date")
    label = " ".join(p for p in (court.split(" (")[0], file_number, _s(entry, "popular_name")) if p)
    page.title = (
        _s(entry, "title", 255) or (f"{label} – {decision_date:%d.%m.%Y}" if decision_date else label)[:255]
    )
    page.court = court
    page.decision_type = _s(entry, "decision_type", 200)
    page.decision_date = decision_date
    page.file_number = file_number
    page.ecli = ecli
    page.parties = _s(entry, "parties")
    page.popular_name = _s(entry, "popular_name", 200)
    page.subject = _s(entry, "subject")
    page.referring_court = _s(entry, "referring_court", 200)
    page.referral_date = _date(entry, "referral_date")
    page.official_report = _s(entry, "official_report", 300)
    page.text_kind = _s(entry, "text_kind", 100)
    page.text = _s(entry, "text")
    page.text_source = _s(entry, "text_source", 500)
    page.norms = _s(entry, "norms")
    page.notes = _s(entry, "notes")
    page.editorial_note = _s(entry, "editorial_note")
    page.sources = _s(entry, "sources")
    page.summary = page.subject[:1000]
    _save(page, "urteile", created)
    return created


def literature_upsert(entry: dict) -> bool:
    external_id = _s(entry, "external_id") or _s(entry, "id")
    if not external_id:
        raise ValueError("Pflichtfeld „external_id“ fehlt")
    title = _s(entry, "title")
    if not title:
        raise ValueError("Pflichtfeld „title“ fehlt")
    kind = _s(entry, "type")
    if kind and kind not in LiteratureType.values:
        raise ValueError(f"unbekannte Literaturart „{kind}“")
    year = entry.get("year")
    if year not in (None, "") and not (isinstance(year, int) and 1800 <= year <= 2100):
        raise ValueError(f"Feld „year“ ist kein Jahr: {year!r}")
    page = LiteraturePage.objects.filter(external_id=external_id).first()
    created = page is None
    page = page or LiteraturePage(external_id=external_id)
    page.title = title[:255]
    page.literature_type = kind
    page.authors = _s(entry, "authors")
    page.editors = _s(entry, "editors")
    page.year = year or None
    page.subtitle = _s(entry, "subtitle", 500)
    page.publisher = _s(entry, "publisher", 300)
    page.journal = _s(entry, "journal", 300)
    page.volume = _s(entry, "volume", 50)
    page.issue = _s(entry, "issue", 50)
    page.pages = _s(entry, "pages", 50)
    page.isbn = _s(entry, "isbn", 40)
    page.doi = _s(entry, "doi", 200)
    page.link = _s(entry, "url", 500)
    page.publication_date = _date(entry, "date")
    page.reference_number = _s(entry, "reference_number", 200)
    page.abstract = _s(entry, "abstract_de") or _s(entry, "abstract")
    page.note = _s(entry, "note")
    page.editorial_note = _s(entry, "editorial_note")
    page.verified_from = _s(entry, "verified_from")
    page.summary = page.abstract[:1000]
    _save(page, "literatur", created)
    return created
