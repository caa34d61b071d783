"""{% load hyphenation %} … {{ page.title|trennbar }}: soft hyphens at compound joints."""

from django import template

from ikz.search.hyphenation import hyphenate

register = template.Library()


@register.filter
def trennbar(value) -> str:
    return hyphenate(str(value) if value is not None else "")
