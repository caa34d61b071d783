"""One example Werkstatt for the demo: the demo member leads it, so /werkstatt/ shows what it is for.

Marked as example in its title and note; created once (looked up by title), never touched again.
"""

from urllib.parse import urlencode

from ikz.core.taxonomy import TaskArea
from ikz.municipalities.models import Municipality

from . import services
from .models import NoteKind, Workshop

TITLE = "Gemeinsamer Bauhof Hückeswagen und Lindlar (Beispiel)"
# Answers of the Kooperationsassistent, as its result URL carries them.
ANSWERS = [
    ("bereich", "bauhof"),
    ("aufgabe", "Gemeinsamer Bauhof für Winterdienst und Grünpflege"),
    ("partner", "05374016"),
    ("partner", "05374020"),
    ("privat", "nein"),
    ("zustaendigkeit", "durchfuehrung"),
    ("geld", "kostenerstattung"),
]


def workshop_demo_setup(*, user) -> Workshop | None:
    """The example Werkstatt of `user` (the demo member); None if the register lacks the partners."""
    existing = Workshop.objects.filter(title=TITLE).first()
    if existing is not None:
        return existing
    partners = list(Municipality.objects.filter(ags__in=["05374016", "05374020"]))
    if len(partners) != 2:
        return None
    workshop = services.workshop_create(
        user=user,
        title=TITLE,
        task_area=TaskArea.objects.filter(slug="bauhof").first(),
        task=(
            "Beispiel: Die Stadt Hückeswagen und die Gemeinde Lindlar prüfen, ob ein Bauhof beider "
            "Kommunen Winterdienst und Grünpflege übernimmt. Die Angaben sind erfunden und dienen der "
            "Veranschaulichung."
        ),
        partners=partners,
        assistant_query=urlencode(ANSWERS),
    )
    services.note_create(
        workshop=workshop,
        user=user,
        kind=NoteKind.NOTE,
        title="Zeitplan bis zum Ratsbeschluss (Beispiel)",
        text=(
            "Fahrzeug- und Personalbestand beider Bauhöfe bis Ende Februar erheben.\n"
            "Entwurf der öffentlich-rechtlichen Vereinbarung im März mit der Kommunalaufsicht "
            "des Oberbergischen Kreises besprechen.\n"
            "Ratsbeschlüsse in beiden Räten vor der Sommerpause."
        ),
    )
    _demo_plan_and_draft(workshop, user)
    return workshop


def _demo_plan_and_draft(workshop: Workshop, user) -> None:
    """The plan of the form the assistant ranks first, and a first draft of the agreement that
    still lacks mandatory contents – so the demo shows both, and what „unvollständig“ means."""
    from django.db import transaction

    from ikz.agreements.services import draft_create, suggested_kind

    from .plan import plan_create, suggested_form

    legal_form = suggested_form(workshop)
    if not legal_form:
        return
    with transaction.atomic():
        plan_create(workshop=workshop, user=user, legal_form=legal_form)
    kind = suggested_kind(workshop)  # the draft that fits the plan's legal form
    if not kind:
        return
    draft_create(
        workshop=workshop,
        user=user,
        kind=kind,
        lead_ags="05374016",
        cost_sharing=(
            "Beispiel: Die Kosten werden nach den im Fahrtenbuch nachgewiesenen Einsatzstunden verteilt; "
            "die Vorhaltekosten tragen beide Beteiligten je zur Hälfte."
        ),
        start="Beispiel: 1. Januar des auf die Genehmigung folgenden Jahres",
    )
