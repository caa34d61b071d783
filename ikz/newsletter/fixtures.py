"""pytest fixtures of the newsletter: `newsletter_index` (/newsletter/), `subscriber_factory`."""

import pytest


@pytest.fixture
def newsletter_index(home_page):
    from .demo import newsletter_index_ensure

    return newsletter_index_ensure(home=home_page)


@pytest.fixture
def subscriber_factory(db):
    from django.utils import timezone

    from .models import Subscription, SubscriptionStatus

    def make(count: int = 1, prefix: str = "leser"):
        return Subscription.objects.bulk_create(
            [
                Subscription(
                    email=f"{prefix}{n}@kommune.nrw.example",
                    status=SubscriptionStatus.CONFIRMED,
                    confirmed_at=timezone.now(),
                    token=f"{prefix}-token-{n}",
                )
                for n in range(count)
            ]
        )

    return make


@pytest.fixture
def edition_factory(newsletter_index):
    from .models import NewsletterEditionPage

    def make(title: str = "Newsletter Mai", publish: bool = True, **fields):
        edition = NewsletterEditionPage(title=title, intro="<p>Hallo Kommunen!</p>", **fields)
        newsletter_index.add_child(instance=edition)
        revision = edition.save_revision()
        if publish:
            revision.publish()
            edition.refresh_from_db()
        return edition

    return make
