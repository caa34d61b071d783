"""What the portal is about, as a factor on the ranking: per kind of content and per law.

A hit's score is multiplied by the prior of its kind and the prior of its law. Projects, FAQ,
checklists and templates answer the portal's questions; the thousands of federal sections are the
reference behind them. Without the priors "Standesamt zusammenlegen" listed PStG sections first and
the Lemgo project further down.

Defaults, shown with their origin in the admin (Einstellungen → Suchgewichtung):
- per kind: DEFAULT_KIND_PRIORS below;
- per law: from the data – the more of the portal's own texts (projects, FAQ, checklists …) cite a
  law, the more it is about IKZ: 1 + LAW_PRIOR_MAX × √(texts citing it / texts citing the most
  cited law), for laws cited by at least LAW_MIN_CITING texts (GkG NRW, UStG, GWB …); all others 1.
  These laws also make the group "Recht der Zusammenarbeit" above the list on /suche/.
The Redaktion's entries (SearchPrior) replace a default. Kept per content version.
"""

import math
import re
from dataclasses import dataclass, field

from ikz.core import versioned_cache

from .models import SearchDocument, SearchPrior

# Chosen on the dev set (it judges law sections only, so any lift of other content can only cost
# there) against the examples of issue 13: kind priors of 1.5 cost dev nDCG@10 0.036 on the demo
# content, these halved ones 0.014; the block "Aus dem Portal" on /suche/ shows the best of each
# kind anyway, whatever its rank.
DEFAULT_KIND_PRIORS = {
    "project": 1.25,
    "faq": 1.25,
    "checklist": 1.25,
    "template": 1.2,
    "ruling": 1.15,
    "literature": 1.1,
    "material": 1.1,
    "municipality": 1.25,
    "page": 1.1,
    "newsletter": 1.0,
    "law": 1.0,
}
LAW_PRIOR_MAX = (
    0.1  # dev nDCG@10 (demo content, with the kind priors): 0.5 → −0.027, 0.2 → −0.022, 0.1 → −0.011
)
LAW_MIN_CITING = 2
SECTION_SOURCES = ("library.lawsection", "corpus.section")


@dataclass(frozen=True)
class Priors:
    kinds: dict[str, float] = field(default_factory=dict)
    laws: dict[str, float] = field(default_factory=dict)
    origin: dict[tuple[str, str], str] = field(default_factory=dict)  # ("kind"|"law", key) → where from
    citing: dict[str, int] = field(default_factory=dict)  # law → portal texts citing it

    def factor(self, kind: str, law: str) -> float:
        return self.kinds.get(kind, 1.0) * (self.laws.get(law, 1.0) if law else 1.0)

    def ikz_laws(self) -> set[str]:
        return {law for law, f in self.laws.items() if f > 1.0}


def _citing_counts() -> dict[str, int]:
    """law abbreviation → how many portal texts (not laws) name it."""
    laws = set(SearchDocument.objects.exclude(law="").values_list("law", flat=True).distinct())
    if not laws:
        return {}
    # Longest first, so "GkG NRW" is found before a shorter "GkG"; whole words only.
    names = "|".join(re.escape(law) for law in sorted(laws, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w-])(" + names + r")(?![\w-])")
    counts: dict[str, int] = {}
    portal = SearchDocument.objects.exclude(kind="law").exclude(source__in=SECTION_SOURCES)
    for title, body in portal.values_list("title", "body").iterator():
        for law in set(pattern.findall(f"{title}\n{body}")):
            counts[law] = counts.get(law, 0) + 1
    return counts


def _build() -> Priors:
    citing = _citing_counts()
    top = max(citing.values(), default=0)
    laws = {
        law: round(1 + LAW_PRIOR_MAX * math.sqrt(n / top), 3)
        for law, n in citing.items()
        if n >= LAW_MIN_CITING and top
    }
    kinds = dict(DEFAULT_KIND_PRIORS)
    origin = {("kind", k): "Vorgabe" for k in kinds} | {("law", law): "aus den Inhalten" for law in laws}
    for prior in SearchPrior.objects.all():
        if prior.kind:
            kinds[prior.kind] = float(prior.factor)
            origin[("kind", prior.kind)] = "Redaktion"
        elif prior.law.strip():
            laws[prior.law.strip()] = float(prior.factor)
            origin[("law", prior.law.strip())] = "Redaktion"
    return Priors(kinds, laws, origin, citing)


def current_priors() -> Priors:
    """The priors in force, built once per content version (an edit in the admin is a write)."""
    return versioned_cache.get_or_build("search:priors", _build)


def law_names() -> tuple[str, ...]:
    """The abbreviations of the laws in the index, longest first (for finding citations)."""

    def build() -> tuple[str, ...]:
        names = set(SearchDocument.objects.exclude(law="").values_list("law", flat=True).distinct())
        return tuple(sorted(names, key=lambda n: (-len(n), n)))

    return versioned_cache.get_or_build("search:law-names", build)
