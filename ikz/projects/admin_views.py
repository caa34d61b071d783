"""The Redaktion's moderation queue in the Wagtail admin: submitted projects, compare, decide."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from wagtail.admin import messages

from ikz.core.widgets import PlainTextarea

from . import services
from .models import Project
from .permissions import can_moderate

SNIPPET_URL = "wagtailsnippets_projects_project"


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label="Anmerkung an die Einreichenden",
        required=False,
        max_length=4000,
        widget=PlainTextarea(attrs={"rows": 5}),
        help_text="Pflicht beim Zurückgeben; wird per E-Mail mitgeteilt.",
    )


def _compare_url(project: Project) -> str:
    if not project.latest_revision_id:
        return ""
    if project.live:
        return reverse(
            f"{SNIPPET_URL}:revisions_compare", args=[project.pk, "live", project.latest_revision_id]
        )
    # A new project has no published version to compare with, and snippets have no revision view
    # (that name does not exist: the queue was a 500 as soon as a new project was submitted). Its
    # page on the portal shows editors the latest revision, as readers will see it.
    return project.get_absolute_url()


def queue_view(request):
    if not can_moderate(request.user):
        raise PermissionDenied
    projects = list(Project.objects.submitted().select_related("submitted_by").order_by("submitted_at"))
    for project in projects:
        project.compare_url = _compare_url(project)
    return render(
        request, "projects/admin/queue.html", {"projects": projects, "page_title": "Projektprüfung"}
    )


def decide_view(request, pk: int):
    if not can_moderate(request.user):
        raise PermissionDenied
    project = get_object_or_404(Project, pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if request.POST.get("action") == "approve":
                services.project_approve(project=project, user=request.user, comment=comment)
                messages.success(request, f"„{project.title}“ ist freigegeben und veröffentlicht.")
            else:
                services.project_send_back(project=project, user=request.user, comment=comment)
                messages.success(request, f"„{project.title}“ wurde zurückgegeben.")
        except services.InvalidState as error:
            form.add_error(None, str(error))
        else:
            return redirect("projects_moderation:queue")
    draft = project.get_latest_revision_as_object()
    return render(
        request,
        "projects/admin/decide.html",
        {
            "project": project,
            "draft": draft,
            "form": form,
            "compare_url": _compare_url(project),
            "page_title": f"Prüfung: {project.title}",
        },
    )
