"""The documents section of the Werkstatt page (loaded by workshop/includes/files_section.html)."""

from django import template

register = template.Library()


@register.simple_tag
def workshop_files(workshop) -> dict:
    from ikz.workshop.files import documents_of
    from ikz.workshop.publish import publication_of

    return {"documents": list(documents_of(workshop=workshop)), "publication": publication_of(workshop)}
