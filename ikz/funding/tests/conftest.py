"""Fixtures of the Förderprogramme: the real set-up (/foerderung/ with IKZ NRW) and example programmes."""

import datetime
import itertools

import pytest

_counter = itertools.count(1)


@pytest.fixture
def funding_index(home_page):
    from ikz.funding.content import funding_setup
    from ikz.funding.models import FundingIndexPage

    funding_setup(home=home_page)
    return FundingIndexPage.objects.get()


@pytest.fixture
def ikz_nrw(funding_index):
    from ikz.funding.models import FundingProgrammePage

    return FundingProgrammePage.objects.get(slug="ikz-nrw")


@pytest.fixture
def programme_factory(funding_index):
    """An example programme ("Beispiel") with its own figures, published under /foerderung/."""
    from ikz.core.taxonomy import TaskArea
    from ikz.funding.models import ApplicantType, FundingProgrammePage

    def make(title=None, *, start=None, end=None, task_areas=("abfall",), applicants=("kreise",), **fields):
        n = next(_counter)
        page = FundingProgrammePage(
            title=title or f"Beispielprogramm {n}",
            slug=f"beispielprogramm-{n}",
            is_example=True,
            funder="Beispiel-Fördergeber",
            amount="bis zu 50.000 Euro",
            rate="bis zu 80 %",
            window_start=start,
            window_end=end,
            stand=datetime.date(2026, 11, 30),
            source_url="https://example.org/beispielprogramm",
            **fields,
        )
        funding_index.add_child(instance=page)
        page.task_areas.set(list(TaskArea.objects.filter(slug__in=task_areas)))
        page.applicant_types.set(list(ApplicantType.objects.filter(slug__in=applicants)))
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make
