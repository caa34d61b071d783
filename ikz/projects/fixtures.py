"""pytest fixtures of the projects app (shared through pytest_plugins).

- `project_factory(title=..., municipalities=[...], task_areas=["bauhof"], live=True, **fields)`:
  a project with participants (first = lead) and a revision; published unless live=False.
- `project_form_data(municipality, **overrides)`: POST data for the contribution form.
- `demo_projects`: the real register, the ten real examples and the invented ones.
"""

import datetime
import itertools

import pytest

_counter = itertools.count(1)


@pytest.fixture
def project_factory(db):
    from django.utils import timezone

    from ikz.core.taxonomy import TaskArea, task_areas_sync
    from ikz.projects.models import ModerationStatus, Project, ProjectParticipant

    task_areas_sync()

    def make(title=None, municipalities=(), task_areas=("bauhof",), live=True, created_by=None, **fields):
        now = timezone.now()
        fields.setdefault("legal_form", "oerv")
        fields.setdefault("phase", "betrieb")
        fields.setdefault("summary", "Eine Zusammenarbeit zum Testen.")
        fields.setdefault("start_date", datetime.date(2020, 1, 1))
        project = Project(
            title=title or f"Testprojekt {next(_counter)}",
            live=live,
            has_unpublished_changes=not live,
            first_published_at=now if live else None,
            last_published_at=now if live else None,
            last_confirmed_at=now if live else None,
            moderation_status=ModerationStatus.APPROVED if live else ModerationStatus.DRAFT,
            created_by=created_by,
            **fields,
        )
        project.task_areas = list(TaskArea.objects.filter(slug__in=task_areas))
        project.participants = [
            ProjectParticipant(
                sort_order=i, municipality=m, role="lead" if i == 0 else "partner",
                contact_name="Paula Partner", contact_email=f"kontakt-{m.ags}@kommune.nrw.example",
                contact_phone="02191 123456",
            )
            for i, m in enumerate(municipalities)
        ]  # fmt: skip
        project.save()
        project.save_revision(user=created_by, clean=False, changed=not live)
        return project

    return make


@pytest.fixture
def project_form_data():
    def make(municipality, **overrides):
        data = {
            "title": "Gemeinsamer Bauhof an der Wupper",
            "summary": "Zwei Städte legen ihre Bauhöfe zusammen.",
            "situation": "Beide Bauhöfe sind zu klein.",
            "goals": "Ein gemeinsamer Bauhof.",
            "benefits": "Weniger Fahrzeuge.",
            "task_areas": ["bauhof"],
            "legal_form": "oerv",
            "phase": "vorbereitung",
            "start_date": "2025-03-01",
            "participants-TOTAL_FORMS": "3",
            "participants-INITIAL_FORMS": "0",
            "participants-MIN_NUM_FORMS": "0",
            "participants-MAX_NUM_FORMS": "1000",
            "participants-0-municipality": municipality.ags,
            "participants-0-role": "lead",
            "participants-0-contact_name": "Max Mitglied",
            "participants-0-contact_email": "mitglied@kommune.nrw.example",
            "participants-0-contact_phone": "02192 1111",
        }
        data.update(overrides)
        return data

    return make


@pytest.fixture
def demo_projects(register):
    from ikz.core.taxonomy import task_areas_sync
    from ikz.projects.demo import projects_demo_setup

    task_areas_sync()
    return projects_demo_setup()
