"""Turn citations such as "§ 108 GWB" or "Art. 28 Abs. 2 GG" into links to the library's sections.

A citation links only when the library holds the law (by its exact abbreviation) and the
section is live; everything else stays plain, escaped text. A range ("§§ 54 bis 62 VwVfG")
links to its first section.
"""

import html
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_NUM = r"\d{1,4}[a-z]?"
_QUAL = r"(?:\s+(?:Abs\.|Absatz|Satz|S\.|Nr\.|Nummer|Buchst\.|lit\.|UAbs\.|Unterabs\.|Hs\.|Halbsatz)\s*\d{1,3}[a-z]?)"
_SEP = r"(?:\s*(?:,|bis|und|oder|–|—|-)\s*)"
_LAW = r"[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]{0,20}(?:[ \u00a0](?:NRW|NW|[IVX]{1,4}))?"

REFERENCE_RE = re.compile(
    rf"(?P<prefix>§§?|Art\.|Artt\.|Art|Artikel)[ \u00a0]*(?P<first>{_NUM})(?!\d)"
    rf"(?:{_QUAL})*(?:{_SEP}{_NUM}(?:{_QUAL})*)*"
    rf"[ \u00a0]+(?P<law>{_LAW})(?![A-Za-zÄÖÜäöüß0-9])"
)


@dataclass
class ReferenceResolver:
    """Looks laws and sections up once per rendering (memoised), so a long text costs few queries."""

    _laws: dict[str, object] = field(default_factory=dict)
    _sections: dict[tuple[int, str], str | None] = field(default_factory=dict)

    def law(self, abbreviation: str):
        from .models import LawPage

        if abbreviation not in self._laws:
            self._laws[abbreviation] = (
                LawPage.objects.live().filter(abbreviation=abbreviation).only("id", "url_path").first()
            )
        return self._laws[abbreviation]

    def url(self, abbreviation: str, slug: str) -> str | None:
        from .models import LawSection

        law = self.law(abbreviation)
        if law is None:
            return None
        key = (law.pk, slug)
        if key not in self._sections:
            exists = LawSection.objects.filter(law_id=law.pk, slug=slug, live=True).exists()
            self._sections[key] = (
                law.get_url() + law.reverse_subpage("section_route", kwargs={"slug": slug})
                if exists
                else None
            )
        return self._sections[key]


def _slug_for(prefix: str, number: str) -> str:
    return number.lower() if prefix.startswith("§") else f"art-{number.lower()}"


def link_references(text: str, resolver: ReferenceResolver | None = None) -> SafeString:
    """Escape `text` and link every citation the library holds."""
    if not text:
        return mark_safe("")
    resolver = resolver or ReferenceResolver()
    out: list[str] = []
    last = 0
    for match in REFERENCE_RE.finditer(text):
        url = resolver.url(
            match.group("law").replace("\u00a0", " "), _slug_for(match.group("prefix"), match.group("first"))
        )
        if url is None:
            continue
        out.append(escape(text[last : match.start()]))
        out.append(f'<a class="law-ref" href="{escape(url)}">{escape(match.group(0))}</a>')
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every text piece is escaped above


_TAG_RE = re.compile(r"(<[^>]*>)")


def link_references_html(value: str, resolver: ReferenceResolver | None = None) -> SafeString:
    """Link citations inside already-sanitised HTML (rich text), leaving tags and existing links alone."""
    if not value:
        return mark_safe("")
    resolver = resolver or ReferenceResolver()
    out: list[str] = []
    in_link = 0
    for part in _TAG_RE.split(str(value)):
        if part.startswith("<"):
            lowered = part.lower()
            if lowered.startswith("<a ") or lowered == "<a>":
                in_link += 1
            elif lowered.startswith("</a"):
                in_link = max(0, in_link - 1)
            out.append(part)
        elif in_link or "§" not in part and "Art" not in part:
            out.append(part)
        else:
            out.append(link_references(html.unescape(part), resolver))
    return mark_safe("".join(out))  # noqa: S308 - every text piece is escaped above
