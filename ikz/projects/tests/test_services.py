"""Services: draft, update with revisions, submit, approve, send back, confirm, conflicts, rate limit."""

import pytest

from ikz.core.taxonomy import TaskArea, task_areas_sync
from ikz.projects import services
from ikz.projects.models import ModerationStatus, Project

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "Gemeinsame Kasse",
    "summary": "Eine Kasse für zwei Städte.",
    "legal_form": "oerv",
    "phase": "idee",
}


def _participants(municipality):
    return [{"municipality": municipality, "role": "lead", "contact_email": "kasse@kommune.nrw.example"}]


@pytest.fixture
def hueckeswagen_m(municipality_factory):
    return municipality_factory("05374016")


def _draft(member, municipality, task_areas=("kasse",), **fields):
    task_areas_sync()
    area_ids = list(TaskArea.objects.filter(slug__in=task_areas).values_list("pk", flat=True))
    return services.project_create_draft(
        user=member,
        fields={**FIELDS, **fields},
        task_area_ids=area_ids,
        participants=_participants(municipality),
    )


def test_draft_needs_only_a_title_but_submitting_names_what_is_missing(member, hueckeswagen_m):
    project = _draft(member, hueckeswagen_m, task_areas=(), summary="", legal_form="")
    assert project.moderation_status == ModerationStatus.DRAFT
    with pytest.raises(services.InvalidState, match="Kurzbeschreibung, Aufgabenbereich, Rechtsform"):
        services.project_submit(project=project, user=member)
    project.refresh_from_db()
    assert project.moderation_status == ModerationStatus.DRAFT


def test_draft_submit_approve_publishes_and_notifies(
    member, editor, hueckeswagen_m, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project = _draft(member, hueckeswagen_m)
        assert not project.live and project.moderation_status == ModerationStatus.DRAFT
        assert project.revisions.count() == 1
        services.project_submit(project=project, user=member)
    assert smtp_server.wait_for(1)[0]["To"] == "redaktion@ikz-portal.nrw.example"
    project.refresh_from_db()
    assert project.moderation_status == ModerationStatus.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        services.project_approve(project=project, user=editor, comment="Danke!")
    mails = smtp_server.wait_for(2)
    assert mails[1]["To"] == member.email and "veröffentlicht" in mails[1]["Subject"]
    assert "Danke!" in smtp_server.body(mails[1])
    project.refresh_from_db()
    assert (
        project.live and project.last_confirmed_at and project.moderation_status == ModerationStatus.APPROVED
    )
    assert Project.objects.published().filter(pk=project.pk).exists()


def test_edit_of_published_project_waits_for_review(member, editor, hueckeswagen_m, project_factory):
    project = project_factory(title="Alter Titel", municipalities=[hueckeswagen_m])
    services.project_update(
        project=project, user=member, base_revision_id=project.latest_revision_id,
        fields={"title": "Neuer Titel"}, task_area_ids=[a.pk for a in project.task_areas.all()],
        participants=_participants(hueckeswagen_m),
    )  # fmt: skip
    project.refresh_from_db()
    assert project.title == "Alter Titel"  # the live version is untouched
    assert project.has_unpublished_changes
    assert project.get_latest_revision_as_object().title == "Neuer Titel"
    assert project.participants.get().contact_email == "kontakt-05374016@kommune.nrw.example"

    services.project_submit(project=project, user=member)
    services.project_approve(project=project, user=editor)
    project.refresh_from_db()
    assert project.title == "Neuer Titel"
    assert project.participants.get().contact_email == "kasse@kommune.nrw.example"
    assert project.revisions.count() == 2


def test_send_back_requires_comment_and_notifies(
    member, editor, hueckeswagen_m, smtp_server, django_capture_on_commit_callbacks
):
    project = _draft(member, hueckeswagen_m)
    services.project_submit(project=project, user=member)
    with pytest.raises(services.InvalidState):
        services.project_send_back(project=project, user=editor, comment=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.project_send_back(project=project, user=editor, comment="Bitte Kosten ergänzen.")
    mail = smtp_server.wait_for(1)[-1]
    assert mail["To"] == member.email and "zurückgegeben" in mail["Subject"]
    assert "Bitte Kosten ergänzen." in smtp_server.body(mail)
    project.refresh_from_db()
    assert project.moderation_status == ModerationStatus.SENT_BACK and not project.live
    with pytest.raises(services.InvalidState):
        services.project_approve(project=project, user=editor)


def test_concurrent_edit_is_refused(member, member_factory, hueckeswagen_m, project_factory):
    project = project_factory(municipalities=[hueckeswagen_m])
    loaded = project.latest_revision_id
    other = member_factory(municipality=hueckeswagen_m)
    services.project_update(
        project=project, user=other, base_revision_id=loaded, fields={"title": "Erste Änderung"},
        task_area_ids=[], participants=_participants(hueckeswagen_m),
    )  # fmt: skip
    with pytest.raises(services.EditConflict, match="inzwischen von jemand anderem geändert"):
        services.project_update(
            project=project, user=member, base_revision_id=loaded, fields={"title": "Zweite Änderung"},
            task_area_ids=[], participants=_participants(hueckeswagen_m),
        )  # fmt: skip
    project.refresh_from_db()
    assert project.get_latest_revision_as_object().title == "Erste Änderung"


def test_submissions_are_rate_limited(member, hueckeswagen_m):
    for _ in range(services.SUBMISSIONS_PER_HOUR):
        services.project_submit(project=_draft(member, hueckeswagen_m), user=member)
    extra = _draft(member, hueckeswagen_m)
    with pytest.raises(services.RateLimited, match="in der letzten Stunde"):
        services.project_submit(project=extra, user=member)


def test_confirm_resets_the_clock(hueckeswagen_m, project_factory):
    import datetime

    project = project_factory(municipalities=[hueckeswagen_m])
    later = project.last_confirmed_at + datetime.timedelta(days=500)
    assert project.is_stale(now=later)
    services.project_confirm(project=project, now=later)
    assert not project.is_stale(now=later + datetime.timedelta(days=30))
