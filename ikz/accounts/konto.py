"""Sections of the personal start page `/konto/` that other apps contribute.

An app registers a section in its AppConfig.ready():

    from ikz.accounts.konto import register_section
    register_section("events", title="Veranstaltungen", order=40,
                     template="events/includes/konto_section.html", context=registrations_context)

`context(request)` returns the template's context (a dict) or None when the section has nothing to
say to this person (then it is left out). Sections appear in `order`, each under its own heading
`<h2>` with the title; the template renders only the body and finds the dict as `ctx`. The start page is always private
(`Cache-Control: private`), so a section may show anything the person may see.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class KontoSection:
    key: str
    title: str
    order: int
    template: str
    context: Callable[[HttpRequest], dict | None]


_sections: dict[str, KontoSection] = {}


def register_section(
    key: str, *, title: str, order: int, template: str, context: Callable[[HttpRequest], dict | None]
) -> None:
    _sections[key] = KontoSection(key, title, order, template, context)


def sections_for(request: HttpRequest) -> list[tuple[KontoSection, dict]]:
    """The registered sections with something to show to the requesting person, in order."""
    shown = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.context(request)
        if context is not None:
            shown.append((section, context))
    return shown
