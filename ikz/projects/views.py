"""Public and member pages of the project database under /projekte/."""

import hashlib
from dataclasses import replace
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.models import ModelLogEntry

from ikz.core import versioned_cache
from ikz.core.concurrency import merge
from ikz.core.taxonomy import TaskArea
from ikz.municipalities.models import Municipality

from . import conflicts, export, permissions, selectors, services
from .forms import TEXT_FIELDS, ParticipantFormSet, ProjectForm, municipality_label
from .maps import participants_map, projects_map
from .models import ModerationStatus, Project

PER_PAGE = 20
SCALAR_FIELDS = ["title", *TEXT_FIELDS, "savings_eur", "savings_percent", "staff_fte", "baseline",
                 "legal_form", "phase", "start_date", "funding_programme_id"]  # fmt: skip


def _query(params: dict, **changes) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v}
    return "?" + urlencode(merged) if merged else "?"


def project_list_view(request):
    query = export.list_query(request)  # the exports read the same parameters
    filters = {k: v for k, v in query.items() if k in selectors.FACETS}
    q = query.get("q", "")
    sort = query.get("sort", "")
    ids, found = selectors.project_search(filters=filters, q=q, sort=sort)
    page = Paginator(ids, PER_PAGE).get_page(request.GET.get("seite"))
    params = {**filters, "q": q, "sort": sort}
    facets = [
        replace(
            facet,
            values=[
                replace(
                    value,
                    url=_query(params, **{facet.name: "" if value.selected else value.value, "seite": ""}),
                )
                for value in facet.values
            ],
            remove_url=_query(params, **{facet.name: ""}),
        )
        for facet in found
    ]
    return render(
        request,
        "projects/project_list.html",
        {
            "projects": selectors.project_cards(list(page.object_list)),
            "page_obj": page,
            "count": len(ids),
            "facets": facets,
            "q": q,
            "sort": sort,
            "filters": filters,
            "params": params,
            "export_query": urlencode(query),
            "prev_url": _query(params, seite=page.previous_page_number()) if page.has_previous() else "",
            "next_url": _query(params, seite=page.next_page_number()) if page.has_next() else "",
            "sort_urls": {s: _query(params, sort=s) for s in ("relevance", "date", "title")},
            "now": timezone.now(),
            "projects_map_html": _projects_map_html(next(f for f in facets if f.name == "kreis")),
        },
    )


def _projects_map_html(kreis_facet) -> str:
    """The map under the list, drawn once per content version and state of the Kreis facet (its
    counts, selection and links) – the same few states are asked for again and again."""
    state = repr([(v.value, v.count, v.selected, v.url) for v in kreis_facet.values])
    key = "projects:list-map:" + hashlib.sha256(state.encode()).hexdigest()

    def build() -> str:
        svg_map = projects_map(kreis_facet=kreis_facet)
        return (
            render_to_string("municipalities/includes/svg_map.html", {"svg_map": svg_map}) if svg_map else ""
        )

    return versioned_cache.get_or_build(key, build)


def project_detail_view(request, pk: int, slug: str):
    project = get_object_or_404(Project, pk=pk)
    if not permissions.can_view(request.user, project):
        raise Http404
    if slug != project.slug:
        return HttpResponsePermanentRedirect(project.get_absolute_url())
    shown = project
    is_preview = not project.live or (
        request.GET.get("fassung") == "entwurf" and permissions.can_edit(request.user, project)
    )
    if is_preview:
        shown = project.get_latest_revision_as_object()
    participants = list(
        shown.participants.all().select_related("municipality").defer(*selectors.GEOMETRY)
        if shown is project
        else shown.participants.all()
    )
    munis = [p.municipality for p in participants if p.municipality_id]

    def draw_map() -> str:
        project_map = participants_map(
            highlighted=munis, map_id="projektkarte",
            title=f"Karte der beteiligten Körperschaften: {shown.title}",
            legend_partner="Schraffiert, dick umrandet: beteiligte Körperschaften",
            list_note="die Liste der Beteiligten",
        ) if munis else None  # fmt: skip
        return (
            render_to_string("projects/includes/project_map.html", {"svg_map": project_map})
            if project_map
            else ""
        )

    # The published version's map is the same for everyone until the next change; a preview's is drawn.
    map_html = (
        versioned_cache.get_or_build(f"projects:participants-map:{project.pk}", draw_map)
        if shown is project
        else draw_map()
    )
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "shown": shown,
            "is_preview": is_preview,
            "participants": participants,
            "svg_map_html": map_html,
            "show_contacts": permissions.can_see_contacts(request.user),
            "can_edit": permissions.can_edit(
                request.user,
                project,
                participants={p.municipality_id for p in participants if p.municipality_id}
                if shown is project
                else None,
            ),
            "related": selectors.related_projects(project) if project.live else [],
            "library": [p for p in shown.related_pages.all() if p.live] if project.live else [],
            "is_stale": project.live and project.is_stale(),
        },
    )


@login_required
def my_projects_view(request):
    if not permissions.is_member(request.user) and not permissions.is_editor(request.user):
        raise PermissionDenied
    return render(request, "projects/my_projects.html", {"projects": selectors.projects_of_user(request.user),
                                                         "can_create": permissions.can_create(request.user)})  # fmt: skip


def _documents_store(request, form) -> list:
    """The new upload, to be stored by the service inside the project's transaction."""
    upload = form.cleaned_data.get("document")
    if not upload:
        return []
    title = form.cleaned_data.get("document_title") or upload.name
    return [services.DocumentUpload(title=title, file=upload, user=request.user)]


def _initial(project: Project) -> tuple[dict, list[dict], list]:
    draft = project.get_latest_revision_as_object()
    initial = {name: getattr(draft, name) for name in SCALAR_FIELDS}
    initial["task_areas"] = [a.slug for a in draft.task_areas.all()]
    initial["base_revision"] = project.latest_revision_id
    rows = [
        {"municipality": p.municipality, "name": p.name, "role": p.role, "contact_name": p.contact_name,
         "contact_email": p.contact_email, "contact_phone": p.contact_phone}
        for p in draft.participants.all()
    ]  # fmt: skip
    return initial, rows, [d.document for d in draft.documents.all()]


def _own_default(user) -> list[dict]:
    ids = permissions.member_municipality_ids(user)
    first = Municipality.objects.filter(pk__in=ids).first()
    return [{"municipality": first, "role": "lead"}] if first else []


def _send_back_note(project: Project | None):
    """The Redaktion's latest send-back comment, unless the project was submitted again since."""
    if project is None:
        return None
    entry = (
        ModelLogEntry.objects.for_instance(project)
        .filter(action__in=[services.ACTION_SEND_BACK, services.ACTION_SUBMIT])
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry and entry.action == services.ACTION_SEND_BACK and entry.data.get("comment"):
        return {"comment": entry.data["comment"], "at": entry.timestamp}
    return None


def _render(request, project, form, formset, *, conflict=None, status=200):
    return render(request, "projects/project_form.html", {
        "form": form, "formset": formset, "project": project, "conflict": conflict,
        "send_back": _send_back_note(project),
        "register": [municipality_label(m) for m in Municipality.objects.only("ags", "short_name", "type", "level")],
    }, status=status)  # fmt: skip


@login_required
def project_form_view(request, pk: int | None = None):
    project = get_object_or_404(Project, pk=pk) if pk else None
    allowed = permissions.can_edit(request.user, project) if project else permissions.can_create(request.user)
    if not allowed:
        raise PermissionDenied
    initial, rows, documents = _initial(project) if project else ({}, _own_default(request.user), [])
    if request.method != "POST":
        form = ProjectForm(initial=initial, documents=documents)
        formset = ParticipantFormSet(initial=rows, prefix="participants")
        return _render(request, project, form, formset)
    if project is not None and "take_apply" in request.POST:
        return _conflict_take(request, project, documents)
    form = ProjectForm(request.POST, request.FILES, documents=documents, submitting="submit" in request.POST)
    formset = ParticipantFormSet(request.POST, prefix="participants")
    if form.is_valid() and formset.is_valid():
        participants = formset.participants()
        mine = permissions.member_municipality_ids(request.user)
        if (
            not permissions.is_editor(request.user)
            and not {p["municipality"].pk for p in participants if p["municipality"]} & mine
        ):
            formset._non_form_errors = formset.error_class(
                [
                    "Bitte nennen Sie Ihre eigene Körperschaft als Beteiligte: Sie können nur deren Projekte eintragen."
                ]
            )
        else:
            return _save(request, project, form, formset, participants, documents)
    return _render(request, project, form, formset)


def _save(request, project, form, formset, participants, documents, *, merged_from=None):
    data = form.cleaned_data
    fields = {name: data.get(name) for name in SCALAR_FIELDS}
    fields["start_precision"] = "day"
    area_ids = list(TaskArea.objects.filter(slug__in=data["task_areas"]).values_list("pk", flat=True))
    removed = set(data.get("remove_documents") or [])
    kept = [d for d in documents if str(d.pk) not in removed] + _documents_store(request, form)
    try:
        if project is None:
            project = services.project_create_draft(user=request.user, fields=fields, task_area_ids=area_ids,
                                                    participants=participants, documents=kept)  # fmt: skip
        else:
            project = services.project_update(
                project=project, user=request.user, base_revision_id=data.get("base_revision"), fields=fields,
                task_area_ids=area_ids, participants=participants, documents=kept,
            )  # fmt: skip
    except services.EditConflict:
        return _conflict(request, project, form, participants, documents, merged_from=merged_from)
    except (services.RateLimited, services.InvalidState) as error:
        # Nothing was written: show the form again with everything the user typed.
        form.add_error(None, str(error))
        return _render(request, project, form, formset)
    if merged_from:
        messages.info(request, merged_from)
    if "submit" in request.POST:
        try:
            services.project_submit(project=project, user=request.user)
        except (services.RateLimited, services.InvalidState) as error:
            messages.error(request, f"Der Entwurf ist gespeichert, aber noch nicht eingereicht: {error}")
        else:
            messages.success(request, "Vielen Dank! Ihr Projekt liegt jetzt der Redaktion zur Prüfung vor.")
    else:
        messages.success(request, "Der Entwurf ist gespeichert. Sie können ihn jederzeit weiterbearbeiten.")
    return redirect("projects:mine")


# --- Two people edited the project (see conflicts.py) ------------------------------------------

CONFLICT_LABELS = {
    **{name: str(ProjectForm.base_fields[name].label) for name in SCALAR_FIELDS},
    "task_areas": str(ProjectForm.base_fields["task_areas"].label),
    conflicts.PARTICIPANTS: "Beteiligte Körperschaften",
}


def _author(revision) -> str:
    user = getattr(revision, "user", None)
    return (user.get_full_name() or user.email) if user else "Jemand anderes"


def _three_way(project, *, base_id, theirs_revision, mine: dict):
    """Merge the editor's values with the stored version, from the revision the editor started on."""
    base_revision = conflicts.revision_of(project, base_id)
    base = conflicts.stored_values(base_revision.as_object(), SCALAR_FIELDS) if base_revision else {}
    theirs = conflicts.stored_values(theirs_revision.as_object(), SCALAR_FIELDS)
    return merge(base=base, mine=mine, theirs=theirs)


def _conflict_context(theirs_revision, found: list, *, taken: list[str]) -> dict:
    return {
        "rows": conflicts.differences(found, CONFLICT_LABELS),
        "who": _author(theirs_revision),
        "at": theirs_revision.created_at,
        "taken": taken,
    }


def _conflict(request, project, form, participants, documents, *, merged_from=None):
    project.refresh_from_db()
    theirs_revision = project.latest_revision
    base_id = form.cleaned_data.get("base_revision")
    mine = conflicts.typed_values(form.cleaned_data, participants, SCALAR_FIELDS)
    result = _three_way(project, base_id=base_id, theirs_revision=theirs_revision, mine=mine)
    data = conflicts.data_with(
        request.POST, theirs_revision.as_object(), result.theirs_applied, SCALAR_FIELDS
    )
    data["base_revision"] = str(theirs_revision.pk)
    data["conflict_base"] = str(base_id or "")
    submitting = "submit" in request.POST
    new_form = ProjectForm(data, documents=documents, submitting=submitting)
    new_formset = ParticipantFormSet(data, prefix="participants")
    taken = [CONFLICT_LABELS[name] for name in CONFLICT_LABELS if name in result.theirs_applied]
    valid = new_form.is_valid() and new_formset.is_valid()
    if not result.conflicts and not merged_from and valid:
        # Each changed other fields: keep both and save (once; a second conflict shows the view).
        note = (
            f"{_author(theirs_revision)} hatte das Projekt inzwischen ebenfalls geändert. Ihre Änderungen "
            "sind mit diesen zusammengeführt"
            + (f"; übernommen wurden: {', '.join(taken)}." if taken else ".")
        )
        return _save(request, project, new_form, new_formset, new_formset.participants(), documents,
                     merged_from=note)  # fmt: skip
    # The merged form differs from the posted one only in fields taken from the colleague, which
    # are no conflicts: the conflicts are those of this one merge (no rows while the form is invalid).
    context = _conflict_context(theirs_revision, result.conflicts if valid else [], taken=taken)
    context["upload_lost"] = bool(request.FILES.get("document"))
    return _render(request, project, new_form, new_formset, conflict=context, status=409)


def _conflict_take(request, project, documents):
    """Copy the colleague's version of the ticked fields into the form; nothing is saved."""
    theirs_revision = conflicts.revision_of(project, request.POST.get("base_revision"))
    if theirs_revision is None:
        raise Http404
    names = [name for name in request.POST.getlist("take")[: len(CONFLICT_LABELS)] if name in CONFLICT_LABELS]
    data = conflicts.data_with(request.POST, theirs_revision.as_object(), names, SCALAR_FIELDS)
    form = ProjectForm(data, documents=documents)
    formset = ParticipantFormSet(data, prefix="participants")
    found = []
    if form.is_valid() and formset.is_valid():
        mine = conflicts.typed_values(form.cleaned_data, formset.participants(), SCALAR_FIELDS)
        base_id = request.POST.get("conflict_base")
        found = _three_way(project, base_id=base_id, theirs_revision=theirs_revision, mine=mine).conflicts
    context = _conflict_context(theirs_revision, found, taken=[CONFLICT_LABELS[name] for name in names])
    return _render(request, project, form, formset, conflict=context, status=409)


@login_required
@require_POST
def project_submit_view(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
    if not permissions.can_edit(request.user, project):
        raise PermissionDenied
    try:
        services.project_submit(project=project, user=request.user)
        messages.success(request, "Vielen Dank! Ihr Projekt liegt jetzt der Redaktion zur Prüfung vor.")
    except (services.RateLimited, services.InvalidState) as error:
        messages.error(request, str(error))
    return redirect("projects:mine")


@login_required
@require_POST
def project_confirm_member_view(request, pk: int):
    project = get_object_or_404(Project.objects.published(), pk=pk)
    if not permissions.can_edit(request.user, project):
        raise PermissionDenied
    services.project_confirm(project=project, user=request.user)
    messages.success(request, "Danke! Das Projekt ist als aktuell bestätigt.")
    return redirect(project.get_absolute_url())


def project_confirm_token_view(request, token: str):
    """The link from the reminder: one button, so mail scanners opening the link confirm nothing."""
    project = services.confirm_token_read(token)
    if project is None:
        return render(request, "projects/confirm.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.project_confirm(
            project=project, user=request.user if request.user.is_authenticated else None
        )
        return render(request, "projects/confirm.html", {"project": project, "done": True})
    return render(request, "projects/confirm.html", {"project": project})


def moderation_label(project) -> str:
    return ModerationStatus(project.moderation_status).label
