import re
from urllib.parse import urlsplit

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from ..law_versions import snapshot_of, source_url
from ..references import ReferenceResolver, link_references, link_references_html
from ..structure import render_law_body

register = template.Library()


def _resolver(context) -> ReferenceResolver:
    """One resolver per rendering, so repeated citations cost one query."""
    if "_library_resolver" not in context.render_context:
        context.render_context["_library_resolver"] = ReferenceResolver()
    return context.render_context["_library_resolver"]


@register.simple_tag(takes_context=True)
def law_body(context, body):
    return render_law_body(body, _resolver(context))


@register.simple_tag(takes_context=True)
def linked_text(context, text):
    """Plain text as paragraphs (blank line) and line breaks, with citations linked."""
    resolver = _resolver(context)
    paragraphs = [p for p in re.split(r"\n\s*\n", (text or "").strip()) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(link_references(line, resolver) for line in p.splitlines()) + "</p>"
        for p in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - every line escaped by link_references


@register.simple_tag(takes_context=True)
def linked_inline(context, text):
    return link_references(text or "", _resolver(context))


@register.simple_tag(takes_context=True)
def linked_richtext(context, value):
    """Wagtail rich text (sanitised on save) rendered, then citations linked outside existing links."""
    return link_references_html(expand_db_html(value or ""), _resolver(context))


@register.filter
def source_link(source):
    """A source as a link when it is a web address (its host as text) or a file of a known snapshot
    ("bundestag/gesetze@77abca2:g/gwb/index.md", linked to that file at that commit); otherwise
    the text as it is."""
    source = (source or "").strip()
    parts = urlsplit(source)
    if parts.scheme in ("http", "https") and parts.netloc:
        return format_html('<a href="{}" rel="noopener">{}</a>', source, parts.netloc.removeprefix("www."))
    found = snapshot_of(source)
    if found:
        return format_html(
            '<a href="{}" rel="noopener">{}</a> (Stand {})',
            source_url(source),
            source,
            found[0].date.strftime("%d.%m.%Y"),
        )
    return source or "nicht angegeben"
