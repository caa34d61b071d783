"""The projects' entry in the portal search (ikz/search), registered when that app is installed."""

from django.apps import apps


def project_entry(project):
    from ikz.search.documents import IndexEntry

    participants = [p.display_name for p in project.participants.all()]
    regierungsbezirke = sorted(
        {
            p.municipality.get_regierungsbezirk_display()
            for p in project.participants.all()
            if p.municipality_id
        }
    )
    body = "\n".join(
        part
        for part in (
            project.summary,
            project.situation,
            project.goals,
            project.benefits,
            project.lessons_learned,
        )
        if part
    )
    return IndexEntry(
        source="projects.project",
        object_id=str(project.pk),
        kind="project",
        title=project.title,
        url=project.get_absolute_url(),
        body=body,
        external_id=project.external_id or None,
        context=" ".join(participants),
        year=project.start_date.year if project.start_date else None,
        task_areas=[t.name for t in project.task_areas.all()],
        legal_forms=[project.get_legal_form_display()],
        regierungsbezirke=regierungsbezirke,
    )


def index_update(project) -> None:
    if apps.is_installed("ikz.search"):
        from ikz.search.registry import search_index_update

        search_index_update(project)


def _register() -> None:
    if not apps.is_installed("ikz.search"):
        return
    from ikz.search.adapters import connect_draft_model
    from ikz.search.registry import register

    from .models import Project

    register(
        Project,
        project_entry,
        # Public: the published version (a pending edit or a submission keeps it published);
        # unpublished, expired or deleted projects are not.
        public=lambda qs: qs.published().filter(expired=False),
        prepare=lambda qs: qs.prefetch_related("task_areas", "participants__municipality"),
        source="projects.project",
    )
    connect_draft_model(Project, "project")


_register()
