"""Template filters for German text: {% load german %}.

{{ count|anzahl:"Eintrag,Einträge" }}  →  1 Eintrag / 2 Einträge
{{ project.savings_eur|zahl }}          →  12.000
für {{ municipality|mit_artikel }}      →  für die Gemeinde Marienheide
"""

from django import template

from ikz.core.text import counted, number_de, with_article

register = template.Library()


@register.filter
def anzahl(count, forms: str) -> str:
    singular, _, plural = forms.partition(",")
    return counted(int(count or 0), singular, plural or singular)


@register.filter
def zahl(value) -> str:
    return number_de(value)


@register.filter
def mit_artikel(value) -> str:
    return with_article(value)
