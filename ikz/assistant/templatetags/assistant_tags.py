from django import template
from django.utils.html import format_html, format_html_join

from ..citations import CitationLinker

register = template.Library()


@register.simple_tag(takes_context=True)
def cite(context, rule):
    """The sections `rule` rests on, each linked to its page in the Wissensdatenbank."""
    lines = rule.citation_lines
    if not lines:
        return ""
    linker = context.get("linker") or CitationLinker()
    found = linker.markup.get(rule.citations)
    if found is not None:
        return found
    links = []
    for line in lines:
        citation = linker.cite(line)
        links.append(
            format_html('<a class="law-ref" href="{}">{}</a>', citation.url, citation.text)
            if citation.url
            else format_html("{}", citation.text)
        )
    markup = format_html(
        '<span class="assistant-cite">{} {}</span>',
        "Rechtsgrundlage:" if len(links) == 1 else "Rechtsgrundlagen:",
        format_html_join(", ", "{}", ((link,) for link in links)),
    )
    linker.markup[rule.citations] = markup
    return markup


@register.filter
def euro(value):
    """210000 → "210.000 €"."""
    from ..checks import euro as format_euro

    return "" if value is None else format_euro(value)
