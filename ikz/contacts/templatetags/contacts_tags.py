from django import template

from ..selectors import competent_contacts as _competent_contacts

register = template.Library()


@register.simple_tag
def competent_contacts(municipalities):
    """`{% competent_contacts answers.partners as found %}`: see contacts.selectors.competent_contacts."""
    return _competent_contacts(municipalities or [])
