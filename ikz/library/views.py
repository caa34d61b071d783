"""Checklist views, served by ChecklistPage's routes (see models/checklist.py)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify

from .models import ChecklistRun
from .pdf import checklist_pdf
from .selectors import confirmed_municipality_ids, run_can_edit, runs_visible_to
from .services import checklist_run_create, checklist_run_save, checklist_run_share


def _run_url(page, run) -> str:
    return page.url + page.reverse_subpage("run_view", kwargs={"run_id": run.pk})


def checklist_view(request, page):
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        run = checklist_run_create(checklist=page, user=request.user, title=request.POST.get("title", ""))
        messages.success(
            request, "Ihre Bearbeitung ist angelegt. Haken und Notizen werden beim Speichern gesichert."
        )
        return redirect(_run_url(page, run))
    runs = list(runs_visible_to(user=request.user, checklist=page))
    for run in runs:
        run.url = _run_url(page, run)
    return page.render(
        request,
        context_overrides={"steps": _steps(page, None), "runs": runs, "pdf_url": _pdf_url(page)},
    )


def _steps(page, run):
    states = {s.step_id: s for s in run.states.all()} if run else {}
    steps = list(page.steps.all())
    for step in steps:
        state = states.get(step.pk)
        step.done = bool(state and state.done)
        step.note = state.note if state else ""
    return steps


def _pdf_url(page, run=None) -> str:
    url = page.url + page.reverse_subpage("pdf_view")
    return f"{url}?lauf={run.pk}" if run else url


def checklist_run_view(request, page, run_id):
    run = get_object_or_404(
        ChecklistRun.objects.select_related("owner", "municipality"), pk=run_id, checklist=page
    )
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not run_can_edit(run=run, user=request.user):
        raise PermissionDenied("Diese Bearbeitung ist nicht mit Ihrer Körperschaft geteilt.")
    is_fetch = request.headers.get("X-Requested-With") == "fetch"
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action == "share":
            value = request.POST.get("municipality") or ""
            checklist_run_share(
                run=run, user=request.user, municipality_id=int(value) if value.isdigit() else None
            )
            messages.success(request, "Freigabe gespeichert.")
        else:
            done = {int(v) for v in request.POST.getlist("done") if v.isdigit()}
            notes = {
                int(key.removeprefix("note-")): value
                for key, value in request.POST.items()
                if key.startswith("note-") and key.removeprefix("note-").isdigit()
            }
            checklist_run_save(run=run, user=request.user, done_step_ids=done, notes=notes)
            if is_fetch:
                return JsonResponse({"saved": True})
            messages.success(request, "Ihr Fortschritt ist gespeichert.")
        return redirect(_run_url(page, run))
    share_choices = []
    if run.owner_id == request.user.pk:
        from ikz.municipalities.models import Municipality

        share_choices = list(Municipality.objects.filter(pk__in=confirmed_municipality_ids(request.user)))
    steps = _steps(page, run)
    return page.render(
        request,
        template="library/checklist_run.html",
        context_overrides={
            "run": run,
            "steps": steps,
            "done_count": sum(1 for s in steps if s.done),
            "share_choices": share_choices,
            "run_url": _run_url(page, run),
            "pdf_url": _pdf_url(page, run),
            "is_owner": run.owner_id == request.user.pk,
        },
    )


def checklist_pdf_view(request, page):
    """The checklist as PDF, for everyone; with ticks and notes when ?lauf= names a run the user may see."""
    run = None
    run_id = request.GET.get("lauf", "")
    if run_id.isdigit():
        run = ChecklistRun.objects.filter(pk=int(run_id), checklist=page).first()
        if run is None or not run_can_edit(run=run, user=request.user):
            raise PermissionDenied
    data = checklist_pdf(page=page, steps=_steps(page, run), run=run)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="checkliste-{slugify(page.slug)}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
