"""Views served by the library's routable pages: checklists (models/checklist.py) and the
comparison of a law section's Fassungen (models/law.py)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify
from django.utils.timezone import localtime

from ikz.core.middleware import bad_request_response
from ikz.core.params import parse_int

from .law_versions import word_diff
from .models import ChecklistRun
from .pdf import checklist_pdf
from .selectors import confirmed_municipality_ids, run_can_edit, runs_visible_to
from .services import checklist_run_create, checklist_run_save, checklist_run_share, note_clean


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


def _steps(page, run, *, outcome=None, posted_base=None):
    """Steps with the run's state; a save's conflicts show the editor's text beside the stored one."""
    states = {s.step_id: s for s in run.states.select_related("changed_by")} if run else {}
    conflicts = {c.key: c for c in outcome.conflicts} if outcome else {}
    steps = list(page.steps.all())
    for step in steps:
        state = states.get(step.pk)
        step.done = bool(state and state.done)
        step.note = note_clean(state.note) if state else ""
        step.base_note = step.note
        step.changed_by = state.changed_by if state else None
        step.changed_at = state.changed_at if state else None
        step.conflict = conflicts.get(f"note:{step.pk}")
        if step.conflict:
            # The editor's text stays in the field and the old base in the form, so that saving
            # again without a choice cannot overwrite the colleague's text unseen.
            step.note = step.conflict.mine
            step.conflict_by = outcome.conflict_authors.get(step.conflict.key)
            step.base_note = (posted_base or {}).get(f"note:{step.pk}", "")
    return steps


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _parse_save(request, page):
    """(base, mine) field maps from the posted run form; None if the form carries no version."""
    if parse_int(request.POST.get("version")) is None:
        return None
    done = {n for n in map(parse_int, request.POST.getlist("done")) if n is not None}
    base: dict[str, object] = {}
    mine: dict[str, object] = {}
    for step_id in page.steps.values_list("pk", flat=True):
        if f"base-done-{step_id}" not in request.POST:
            continue  # the page did not show this step (added to the checklist since)
        base[f"done:{step_id}"] = request.POST.get(f"base-done-{step_id}") == "1"
        base[f"note:{step_id}"] = request.POST.get(f"base-note-{step_id}", "")
        mine[f"done:{step_id}"] = step_id in done
        mine[f"note:{step_id}"] = request.POST.get(f"note-{step_id}", "")
        choice = request.POST.get(f"resolve-{step_id}")
        seen = request.POST.get(f"theirs-note-{step_id}")
        if choice in ("mine", "theirs") and seen is not None:
            # The editor saw the colleague's text and decided; that text becomes the base.
            base[f"note:{step_id}"] = seen
            if choice == "theirs":
                mine[f"note:{step_id}"] = seen
    return base, mine


def _save_message(outcome) -> str:
    if outcome.conflicts:
        return (
            "Gespeichert – aber eine Kollegin oder ein Kollege hat dieselbe Notiz gleichzeitig anders "
            "geändert. Ihr Text steht weiter im Feld; bitte wählen Sie, welcher Text gelten soll."
        )
    if outcome.from_others:
        return "Gespeichert. Änderungen von Kolleginnen oder Kollegen wurden übernommen."
    return "Gespeichert."


def _save_json(page, run, outcome) -> JsonResponse:
    """The merged state after an autosave: the script shows colleagues' ticks and notes from it."""
    steps = _steps(page, run)
    by_key = {f"note:{s.pk}": s for s in steps}
    return JsonResponse(
        {
            "saved": True,
            "version": run.version,
            "done_count": sum(1 for s in steps if s.done),
            "message": _save_message(outcome),
            "steps": [
                {
                    "id": s.pk,
                    "done": s.done,
                    "note": s.note,
                    "changed_by": _person(s.changed_by),
                    "changed_at": localtime(s.changed_at).strftime("%d.%m.%Y %H:%M") if s.changed_at else "",
                }
                for s in steps
            ],
            "conflicts": [
                {
                    "step": by_key[c.key].pk,
                    "mine": c.mine,
                    "theirs": c.theirs,
                    "theirs_by": _person(outcome.conflict_authors.get(c.key)),
                }
                for c in outcome.conflicts
            ],
        }
    )


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
            checklist_run_share(run=run, user=request.user, municipality_id=parse_int(value))
            messages.success(request, "Freigabe gespeichert.")
        else:
            parsed = _parse_save(request, page)
            if parsed is None:
                return HttpResponseBadRequest(
                    "Das Formular ist veraltet. Bitte laden Sie die Seite neu und speichern Sie erneut."
                )
            base, mine = parsed
            outcome = checklist_run_save(run=run, user=request.user, base=base, mine=mine)
            if is_fetch:
                return _save_json(page, outcome.run, outcome)
            if outcome.conflicts:
                messages.warning(request, _save_message(outcome))
                return _render_run(request, page, outcome.run, outcome=outcome, posted_base=base)
            if outcome.from_others:
                messages.success(
                    request,
                    "Ihr Fortschritt ist gespeichert. Änderungen von Kolleginnen oder Kollegen "
                    "wurden übernommen.",
                )
            else:
                messages.success(request, "Ihr Fortschritt ist gespeichert.")
        return redirect(_run_url(page, run))
    return _render_run(request, page, run)


def _render_run(request, page, run, *, outcome=None, posted_base=None):
    share_choices = []
    if run.owner_id == request.user.pk:
        from ikz.municipalities.models import Municipality

        share_choices = list(Municipality.objects.filter(pk__in=confirmed_municipality_ids(request.user)))
    steps = _steps(page, run, outcome=outcome, posted_base=posted_base)
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
            "has_conflicts": bool(outcome and outcome.conflicts),
        },
    )


def checklist_pdf_view(request, page):
    """The checklist as PDF, for everyone; with ticks and notes when ?lauf= names a run the user may see."""
    run = None
    run_id = parse_int(request.GET.get("lauf"))
    if run_id is not None:
        run = ChecklistRun.objects.filter(pk=run_id, checklist=page).first()
        if run is None or not run_can_edit(run=run, user=request.user):
            raise PermissionDenied
    data = checklist_pdf(page=page, steps=_steps(page, run), run=run)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="checkliste-{slugify(page.slug)}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Law sections: comparing two Fassungen ------------------------------------------------------

CURRENT = "aktuell"


class _Fassung:
    """The current text or a kept earlier one, as the comparison page shows it."""

    def __init__(self, *, key, heading, body, version_date, source, source_url, superseded_at=None):
        self.key = key
        self.heading = heading
        self.body = body
        self.version_date = version_date
        self.source = source
        self.source_url = source_url
        self.superseded_at = superseded_at
        self.is_current = key == CURRENT


def _fassungen(section) -> list[_Fassung]:
    """The current text first, then the earlier ones, newest first."""
    current = _Fassung(
        key=CURRENT,
        heading=section.heading,
        body=section.body,
        version_date=section.version_date,
        source=section.effective_source,
        source_url=section.source_url,
    )
    earlier = [
        _Fassung(
            key=str(v.pk),
            heading=v.heading,
            body=v.body,
            version_date=v.version_date,
            source=v.source,
            source_url=v.source_url,
            superseded_at=v.superseded_at,
        )
        for v in section.versions.all()
    ]
    return [current, *earlier]


def _pick(value: str | None, fassungen: dict[str, _Fassung], default: str):
    """The Fassung a parameter names; None for a number that names none of this section's; raises
    ValueError for anything that is neither a number nor "aktuell"."""
    if value is None or value == "":
        return fassungen.get(default)
    if value == CURRENT:
        return fassungen[CURRENT]
    number = parse_int(value)
    if number is None or number < 1:
        raise ValueError(value)
    return fassungen.get(str(number))


def law_section_versions_view(request, page, section):
    """/wissen/gesetze/<law>/<section>/fassungen/?von=<id|aktuell>&bis=<id|aktuell>: what changed
    between two Fassungen, word by word. Without parameters: the newest earlier one against today's."""
    fassungen = _fassungen(section)
    if len(fassungen) == 1:
        raise Http404("Zu diesem Paragrafen gibt es keine früheren Fassungen.")
    by_key = {f.key: f for f in fassungen}
    try:
        old = _pick(request.GET.get("von"), by_key, fassungen[1].key)
        new = _pick(request.GET.get("bis"), by_key, CURRENT)
    except ValueError:
        return bad_request_response(
            request,
            "Bitte wählen Sie die Fassungen aus der Liste: „von“ und „bis“ sind die Nummer einer "
            "früheren Fassung oder „aktuell“.",
        )
    if old is None or new is None:
        raise Http404("Diese Fassung gibt es zu diesem Paragrafen nicht.")
    body_diff, stats = word_diff(old.body, new.body)
    heading_diff, heading_stats = word_diff(old.heading, new.heading, plain=True)
    return page.render(
        request,
        template="library/law_section_versions.html",
        context_overrides={
            "section": section,
            "fassungen": fassungen,
            "old": old,
            "new": new,
            "same": old is new,
            "body_diff": body_diff,
            "heading_diff": heading_diff,
            "heading_changed": heading_stats.changed,
            "stats": stats,
        },
    )
