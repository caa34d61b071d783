"""Demo set-up of the three service apps (FAQ, hotline, newsletter) – one call for the lead's demo."""

from django.db import transaction


@transaction.atomic
def service_demo_setup(*, home=None) -> dict:
    """FAQ index at /faq/ with example questions marked "Beispiel", the newsletter at /newsletter/
    with one example edition; idempotent. The hotline needs no pages (/hotline/ is a view, its
    phone number and hours come from the portal settings)."""
    from ikz.core.models import HomePage
    from ikz.faq.demo import faq_demo_setup
    from ikz.newsletter.demo import newsletter_demo_setup

    home = home or HomePage.objects.first()
    if home is None:
        from ikz.core.services import site_setup

        home = site_setup()
    return {"faq": faq_demo_setup(home=home), "newsletter": newsletter_demo_setup(home=home)}
