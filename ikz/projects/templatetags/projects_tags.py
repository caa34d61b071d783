from django import template

from ..profile import cooperation_profile as profile_build

register = template.Library()


@register.inclusion_tag("projects/includes/cooperation_profile.html")
def cooperation_profile(municipality):
    """{% cooperation_profile municipality %}: the block for the Körperschaft page."""
    return profile_build(municipality)


@register.simple_tag(takes_context=True)
def project_stale(context, project):
    return project.is_stale()
