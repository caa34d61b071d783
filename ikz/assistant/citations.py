"""Citations of the assistant's rules and the library pages they link to.

A rule cites sections as text ("§ 108 Abs. 6 Nr. 3 GWB"); `section_url()` finds the section's page
in the Wissensdatenbank and raises `SectionMissing` when the library does not hold it, so a rule
citing a section the portal has no text for fails its test instead of printing a dead link.
"""

import logging
import re
from dataclasses import dataclass

from ikz.library.models.law import section_slug

logger = logging.getLogger(__name__)

CITATION_RE = re.compile(
    r"^(?P<prefix>§|Art\.)\s*(?P<number>\d{1,4}[a-z]?)"
    r"(?P<detail>(?:\s+(?:Abs\.|Satz|Nr\.|Buchst\.|Hs\.)\s*\d{1,3}[a-z]?)*)"
    r"\s+(?P<law>[A-ZÄÖÜ][\wÄÖÜäöüß]*(?:\s(?:NRW|NW))?)$"
)


class SectionMissing(LookupError):
    pass


@dataclass(frozen=True)
class Citation:
    text: str  # "§ 108 Abs. 6 Nr. 3 GWB"
    law: str  # "GWB"
    number: str  # "108"
    url: str | None  # the section page, None when the library lacks it


def parse_citation(text: str) -> tuple[str, str]:
    """("GWB", "108") from "§ 108 Abs. 6 Nr. 3 GWB"; ValueError with a German message otherwise."""
    match = CITATION_RE.match(text.strip())
    if not match:
        raise ValueError(f"„{text}“ ist kein Zitat der Form „§ 108 Abs. 6 Nr. 3 GWB“.")
    prefix = "§" if match.group("prefix") == "§" else "Art."
    return match.group("law"), f"{prefix} {match.group('number')}"


def section_url(law: str, number: str) -> str:
    """URL of the live section `number` ("§ 2b" or "2b") of the live law `law` ("UStG")."""
    from ikz.library.models import LawPage, LawSection

    label = number if number.startswith(("§", "Art")) else f"§ {number}"
    slug = section_slug(label)
    page = LawPage.objects.live().filter(abbreviation=law).first()
    if page is None:
        raise SectionMissing(f"Die Wissensdatenbank enthält kein Gesetz „{law}“.")
    if not LawSection.objects.filter(law=page, slug=slug, live=True).exists():
        raise SectionMissing(f"{label} {law} fehlt in der Wissensdatenbank.")
    return page.get_url() + page.reverse_subpage("section_route", kwargs={"slug": slug})


class CitationLinker:
    """Resolves citations once per request (a result page cites the same sections many times)."""

    def __init__(self):
        self._cache: dict[tuple[str, str], str | None] = {}
        # The rendered links of a rule's citations by its citation text (the `cite` tag): a linker
        # kept per content version renders each rule's links once, not on every page.
        self.markup: dict[str, str] = {}

    def prefetch(self, lines) -> None:
        """Resolve many citations with two queries (a result page cites some 30 sections)."""
        from ikz.library.models import LawPage, LawSection

        wanted: dict[tuple[str, str], str] = {}
        for line in lines:
            try:
                law, number = parse_citation(line)
            except ValueError:
                continue
            wanted[(law, number)] = section_slug(number)
        pages = {
            p.abbreviation: p for p in LawPage.objects.live().filter(abbreviation__in={k[0] for k in wanted})
        }
        present = set(
            LawSection.objects.filter(
                law__in=pages.values(), slug__in=set(wanted.values()), live=True
            ).values_list("law_id", "slug")
        )
        base = {abbreviation: page.get_url() for abbreviation, page in pages.items()}
        for (law, number), slug in wanted.items():
            page = pages.get(law)
            if page is not None and (page.pk, slug) in present:
                self._cache[(law, number)] = base[law] + page.reverse_subpage(
                    "section_route", kwargs={"slug": slug}
                )

    def url(self, law: str, number: str) -> str | None:
        key = (law, number)
        if key not in self._cache:
            try:
                self._cache[key] = section_url(law, number)
            except SectionMissing as missing:
                logger.warning("Assistent: %s", missing)
                self._cache[key] = None
        return self._cache[key]

    def cite(self, text: str) -> Citation:
        law, number = parse_citation(text)
        return Citation(text=text, law=law, number=number, url=self.url(law, number))
