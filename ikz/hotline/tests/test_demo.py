import pytest

pytestmark = pytest.mark.django_db


def test_service_demo_setup_is_idempotent(client, home_page):
    from ikz.faq.content import faq_entries
    from ikz.faq.models import FAQPage
    from ikz.hotline.demo import service_demo_setup
    from ikz.newsletter.models import NewsletterEditionPage

    service_demo_setup(home=home_page)
    service_demo_setup()
    assert FAQPage.objects.live().count() == len(faq_entries())
    assert all(p.answer.startswith("<p>Beispiel") for p in FAQPage.objects.all())
    assert NewsletterEditionPage.objects.count() == 1
    for path in ("/faq/", "/newsletter/", "/newsletter/archiv/", "/hotline/"):
        assert client.get(path).status_code == 200, path
