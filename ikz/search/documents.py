"""What an adapter hands to the index: a plain description of one searchable thing."""

from dataclasses import dataclass, field

TITLE_WEIGHT = 6.0  # a heading names what the rule is about in a few words (BM25F-style field boost)
BODY_WEIGHT = 1.0
CONTEXT_WEIGHT = 0.5


@dataclass
class IndexEntry:
    source: str  # adapter key, e.g. "library.lawsection"
    object_id: str
    kind: str  # "law", "ruling", "literature", "checklist", "template", "project", "faq", ...
    title: str
    url: str = ""
    body: str = ""
    external_id: str | None = None
    context: str = ""  # weaker text: law name, parent titles, tags
    law: str = ""
    year: int | None = None
    task_areas: list[str] = field(default_factory=list)
    legal_forms: list[str] = field(default_factory=list)
    regierungsbezirke: list[str] = field(default_factory=list)

    def weighted_fields(self) -> list[tuple[str, float]]:
        return [(self.title, TITLE_WEIGHT), (self.body, BODY_WEIGHT), (self.context, CONTEXT_WEIGHT)]

    def facets(self) -> dict:
        return {
            "task_area": self.task_areas,
            "legal_form": self.legal_forms,
            "regierungsbezirk": self.regierungsbezirke,
        }
