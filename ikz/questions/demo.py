"""Two example threads for the demo, marked „(Beispiel)“ in their titles and texts: one public, one
for members only. Created once (looked up by title), never touched again.

The answers come from an example person of the Gemeinde Lindlar whose account cannot log in
(unusable password); the rows are written directly, so the set-up sends no follow mails.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from ikz.core.taxonomy import TaskArea
from ikz.municipalities.models import Municipality

from .models import Answer, Follow, Question

EXAMPLE_EMAIL = "beispiel.lindlar@ikz-portal.nrw.example"
NOTE = "Die Angaben sind erfunden und dienen der Veranschaulichung."

THREADS = [
    {
        "title": "Wer hat Erfahrung mit einem gemeinsamen Standesamt? (Beispiel)",
        "body": (
            "Beispiel: Wir überlegen, unser Standesamt mit der Nachbargemeinde zusammenzulegen. "
            "Wie haben Sie Trauorte, Vertretung und Kosten geregelt? " + NOTE
        ),
        "area": "standesamt",
        "public": True,
        "answer": (
            "Beispiel: Bei uns arbeiten die Standesbeamtinnen und -beamten beider Kommunen in einem "
            "Team; Trauungen gibt es weiter in beiden Rathäusern. Die Kosten teilen wir nach Fallzahlen "
            "und rechnen einmal im Jahr ab. Wichtig war, die Kommunalaufsicht früh einzubeziehen. " + NOTE
        ),
        "helpful": True,
    },
    {
        "title": "Gemeinsamer Bauhof: Wie verteilen Sie die Fahrzeugkosten? (Beispiel)",
        "body": "Beispiel: Nach Einsatzstunden, nach Einwohnern oder pauschal? " + NOTE,
        "area": "bauhof",
        "public": False,
        "answer": (
            "Beispiel: Wir rechnen nach Einsatzstunden ab, die das Fahrtenbuch ausweist; Vorhaltekosten "
            "teilen wir hälftig. " + NOTE
        ),
        "helpful": False,
    },
]


def _example_person(municipality):
    from ikz.accounts.models import Membership, MembershipStatus
    from ikz.accounts.roles import ROLE_MEMBER

    user_model = get_user_model()
    person = user_model.objects.filter(email=EXAMPLE_EMAIL).first()
    if person is None:
        person = user_model(
            username=EXAMPLE_EMAIL, email=EXAMPLE_EMAIL, first_name="Bea", last_name="Beispiel",
            email_confirmed_at=timezone.now(),
        )  # fmt: skip
        person.set_unusable_password()
        person.save()
        Membership.objects.create(
            user=person,
            municipality=municipality,
            status=MembershipStatus.CONFIRMED,
            decided_at=timezone.now(),
        )
        group = Group.objects.filter(name=ROLE_MEMBER).first()
        if group:
            person.groups.add(group)
    return person


def questions_demo_setup(*, user) -> int:
    """The example threads, asked by `user` (the demo member); how many were created."""
    from ikz.accounts.models import Membership

    from .search import index_update

    lindlar = Municipality.objects.filter(ags="05374020").first()
    asker_membership = Membership.objects.confirmed().filter(user=user).select_related("municipality").first()
    if lindlar is None or asker_membership is None:
        return 0
    helper = _example_person(lindlar)
    created = 0
    for thread in THREADS:
        if Question.objects.filter(title=thread["title"]).exists():
            continue
        now = timezone.now()
        question = Question.objects.create(
            title=thread["title"], body=thread["body"], is_public=thread["public"], author=user,
            municipality=asker_membership.municipality, last_activity_at=now,
            task_area=TaskArea.objects.filter(slug=thread["area"]).first(),
        )  # fmt: skip
        Follow.objects.create(question=question, user=user, seen_at=now)
        answer = Answer.objects.create(
            question=question, body=thread["answer"], author=helper, municipality=lindlar
        )
        if thread["helpful"]:
            question.helpful_answer = answer
            question.save(update_fields=["helpful_answer"])
        index_update(question)
        created += 1
    return created
