"""Programmes: window state in Europe/Berlin, one source for the figures, the real IKZ NRW entry."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from ikz.funding.models import FundingProgrammePage, WindowState, berlin_today

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("start", "end", "today", "state"),
    [
        (D(2027, 1, 10), D(2027, 3, 31), D(2027, 1, 9), WindowState.UPCOMING),
        (D(2027, 1, 10), D(2027, 3, 31), D(2027, 1, 10), WindowState.OPEN),  # first day counts
        (D(2027, 1, 10), D(2027, 3, 31), D(2027, 3, 31), WindowState.OPEN),  # last day counts
        (D(2027, 1, 10), D(2027, 3, 31), D(2027, 4, 1), WindowState.CLOSED),
        (D(2027, 1, 10), None, D(2030, 1, 1), WindowState.OPEN),  # open-ended
        (None, D(2027, 3, 31), D(2027, 3, 1), WindowState.OPEN),  # "Anträge bis …"
        (None, D(2027, 3, 31), D(2027, 4, 1), WindowState.CLOSED),
        (None, None, D(2027, 1, 1), WindowState.UNKNOWN),
    ],
)
def test_window_state_and_the_open_filter_agree(programme_factory, start, end, today, state):
    programme = programme_factory(start=start, end=end)
    assert programme.window_state(today) == state
    open_ids = set(FundingProgrammePage.objects.open_on(today).values_list("pk", flat=True))
    assert (programme.pk in open_ids) == (state == WindowState.OPEN)


def test_window_text_says_open_opens_on_or_closed(programme_factory):
    programme = programme_factory(start=D(2027, 1, 10), end=D(2027, 3, 31))
    assert programme.window_text(D(2027, 1, 1)) == "Öffnet am 10.01.2027 bis 31.03.2027."
    assert programme.window_text(D(2027, 2, 1)) == "Jetzt offen: Anträge sind bis 31.03.2027 möglich."
    assert programme.window_text(D(2027, 4, 1)).startswith(
        "Geschlossen: das letzte bekannte Antragsfenster endete am 31.03.2027."
    )


def test_today_is_the_date_in_berlin():
    # 23:30 UTC on 31 December is already New Year's Day in Berlin (UTC+1 in winter)
    late = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    assert berlin_today(late) == D(2027, 1, 1)
    summer = datetime.datetime(2027, 6, 30, 22, 30, tzinfo=datetime.UTC)  # UTC+2
    assert berlin_today(summer) == D(2027, 7, 1)


def test_ikz_nrw_is_set_up_once_with_source_stand_and_the_assistants_figures(funding_index, ikz_nrw):
    from ikz.assistant.models import FundingProgramme
    from ikz.funding.content import funding_setup

    figures = FundingProgramme.objects.get(key="ikz-nrw")
    assert ikz_nrw.figures == figures and figures.funding_page == ikz_nrw
    assert ikz_nrw.live and not ikz_nrw.is_example and ikz_nrw.url == "/foerderung/ikz-nrw/"
    # the figures are shown from the assistant's record, not copied
    assert ikz_nrw.amount == ikz_nrw.rate == "" and ikz_nrw.window_start is None and ikz_nrw.stand is None
    assert "175.000 €" in ikz_nrw.shown_amount and "35.000 €" in ikz_nrw.shown_amount
    assert "75.000 €" in ikz_nrw.shown_amount
    assert ikz_nrw.shown_rate.startswith("höchstens 90 % der zuwendungsfähigen Ausgaben")
    assert ikz_nrw.shown_stand == D(2026, 11, 29)
    assert ikz_nrw.shown_source_url.startswith("https://www.bezreg-koeln.nrw.de/")
    assert "31. August 2021" in ikz_nrw.shown_legal_basis
    assert (ikz_nrw.shown_window_start, ikz_nrw.shown_window_end) == (D(2025, 5, 15), D(2026, 5, 14))
    assert "bra.nrw.de" in ikz_nrw.shown_sources and "nrwbank.de" in ikz_nrw.shown_sources
    assert {t.slug for t in ikz_nrw.applicant_types.all()} == {
        "gemeinden", "kreise", "zusammenschluesse", "kommunale-unternehmen"
    }  # fmt: skip
    assert {"bauhof", "it-digitalisierung"} <= {a.slug for a in ikz_nrw.task_areas.all()}
    # a change in the assistant's record is what the page shows
    FundingProgramme.objects.filter(pk=figures.pk).update(cap_percent=80)
    assert FundingProgrammePage.objects.get(pk=ikz_nrw.pk).shown_rate.startswith("höchstens 80 %")
    # idempotent
    assert funding_setup() == 0
    assert FundingProgrammePage.objects.count() == 1


def test_a_linked_page_refuses_a_second_copy_of_the_figures(ikz_nrw):
    ikz_nrw.rate = "bis zu 95 %"
    ikz_nrw.window_end = D(2027, 1, 1)
    with pytest.raises(ValidationError) as error:
        ikz_nrw.full_clean()
    assert set(error.value.message_dict) >= {"rate", "window_end"}
    assert "kommt aus dem verknüpften Datensatz" in error.value.message_dict["rate"][0]


def test_an_unlinked_page_needs_stand_and_source_and_a_window_in_order(programme_factory):
    programme = programme_factory(start=D(2027, 3, 1), end=D(2027, 4, 1))
    programme.window_end = D(2027, 1, 1)
    programme.stand = None
    programme.source_url = ""
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert set(error.value.message_dict) >= {"stand", "source_url", "window_end"}
    assert error.value.message_dict["window_end"] == ["Das Antragsfenster endet vor seinem Beginn."]


def test_the_newsletter_takes_a_new_programme_but_not_the_index(programme_factory):
    from ikz.newsletter.models import NewsletterEditionPage
    from ikz.newsletter.services import pages_published_since

    programme = programme_factory(start=D(2027, 1, 1), end=D(2027, 2, 1))
    edition = NewsletterEditionPage(title="Ausgabe", slug="ausgabe")
    pages = pages_published_since(edition=edition, limit=50)
    ids = {page.pk for page in pages}
    assert programme.pk in ids
    assert not any(page.specific_class.__name__ == "FundingIndexPage" for page in pages)
