"""Pages of a Werkstatt's plan, its checklist runs, the e-mail choice, and the start from an
answered partner request (issue 15). Private like every /werkstatt/ page: each one reaches the
Werkstatt through selectors.workshop_for_member (404 for everyone not in it)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from . import digest, plan, selectors, services
from .forms import WorkshopForm
from .forms_plan import ChecklistStartForm, MilestoneForm, NotificationForm, PlanForm
from .models_plan import Milestone, MilestoneStatus, NotifyMode, WorkshopChecklistRun
from .permissions import is_portal_member
from .views import VISIBILITY, _archived_redirect, _register_options, result_url


def _plan_url(workshop, milestone=None) -> str:
    url = reverse("workshop:plan", kwargs={"key": workshop.key})
    return url + (f"#meilenstein-{milestone.pk}" if milestone else "")


def _members(workshop):
    return list(selectors.members_of(workshop=workshop))


def _plan_context(workshop, me, **extra) -> dict:
    current = plan.plan_of(workshop)
    milestones = list(current.milestones.select_related("owner", "updated_by")) if current else []
    suggested = plan.suggested_form(workshop)
    context = {
        "workshop": workshop,
        "me": me,
        "visibility": VISIBILITY,
        "plan": current,
        "milestones": milestones,
        "suggested": suggested,
        "result_url": result_url(workshop.assistant_query),
        "plan_form": None,
        "milestone_form": None,
    }
    if not workshop.is_archived:
        initial = {"legal_form": current.legal_form if current else suggested}
        context["plan_form"] = PlanForm(initial=initial)
        if current:
            context["milestone_form"] = MilestoneForm(members=_members(workshop))
    context.update(extra)
    return context


@login_required
@require_http_methods(["GET", "POST"])
def plan_view(request: HttpRequest, key) -> HttpResponse:
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    if request.method == "GET":
        return render(request, "workshop/plan.html", _plan_context(workshop, me))
    if workshop.is_archived:
        return _archived_redirect(request, workshop)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            created = plan.plan_of(workshop) is None
            plan.plan_create(workshop=workshop, user=request.user, legal_form=form.cleaned_data["legal_form"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                "Der Plan ist angelegt."
                if created
                else "Die Rechtsform ist geändert; fehlende Meilensteine sind ergänzt.",
            )
            return redirect(_plan_url(workshop))
    return render(request, "workshop/plan.html", _plan_context(workshop, me, plan_form=form), status=400)


@login_required
@require_POST
def milestone_create(request: HttpRequest, key) -> HttpResponse:
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    if workshop.is_archived:
        return _archived_redirect(request, workshop)
    form = MilestoneForm(request.POST, members=_members(workshop))
    if form.is_valid():
        try:
            milestone = plan.milestone_create(workshop=workshop, user=request.user, values=form.mine())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Der Meilenstein „{milestone.title}“ ist hinzugefügt.")
            return redirect(_plan_url(workshop, milestone))
    context = _plan_context(workshop, me, milestone_form=form)
    return render(request, "workshop/plan.html", context, status=400)


def _shown(name: str, value: str, members: dict) -> str:
    if name == "status":
        return str(MilestoneStatus(value).label) if value in MilestoneStatus.values else value
    if name == "owner":
        return members.get(value, "– niemand –") if value else "– niemand –"
    if name == "due_date":
        return ".".join(reversed(value.split("-"))) if value else "(kein Termin)"
    return value or "(leer)"


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request: HttpRequest, key, pk: int) -> HttpResponse:
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    milestone = get_object_or_404(
        Milestone.objects.select_related("owner", "updated_by", "plan"), pk=pk, plan__workshop=workshop
    )
    members = _members(workshop)
    names = {str(m.user_id): m.user.get_full_name() or m.user.email for m in members}
    context = {"workshop": workshop, "milestone": milestone, "visibility": VISIBILITY}
    if workshop.is_archived:
        return render(request, "workshop/milestone_form.html", {**context, "read_only": True})
    if request.method == "GET":
        form = MilestoneForm(
            initial=MilestoneForm.initial_for(plan.milestone_values(milestone)), members=members
        )
        return render(request, "workshop/milestone_form.html", {**context, "form": form})
    form = MilestoneForm(request.POST, members=members)
    if not form.is_valid():
        return render(request, "workshop/milestone_form.html", {**context, "form": form}, status=400)
    if "take_theirs" in request.POST:
        current = Milestone.objects.get(pk=milestone.pk)
        stored = plan.milestone_values(current)
        chosen = [n for n in request.POST.getlist("take") if n in plan.MILESTONE_LABELS] or list(
            plan.MILESTONE_LABELS
        )
        mine = form.mine()
        data = request.POST.copy()
        discarded = []
        for name, value in stored.items():
            data[f"base_{name}"] = value
            if name in chosen and mine[name] != value:
                discarded.append(
                    {"label": plan.MILESTONE_LABELS[name], "text": _shown(name, mine[name], names)}
                )
                data[name] = value
        messages.info(
            request, "Die gespeicherte Fassung steht jetzt im Formular. Speichern Sie, um sie so zu behalten."
        )
        return render(request, "workshop/milestone_form.html", {
            **context, "form": MilestoneForm(data, members=members), "discarded": discarded,
        })  # fmt: skip
    try:
        outcome = plan.milestone_save(
            milestone=milestone, user=request.user, base=form.base(), mine=form.mine()
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return render(request, "workshop/milestone_form.html", {**context, "form": form}, status=409)
    if outcome.conflicts:
        current = outcome.milestone
        data = request.POST.copy()
        for name, value in plan.milestone_values(current).items():
            data[f"base_{name}"] = value
            if name in outcome.from_others:
                data[name] = value
        rows = [{"name": c.key, "label": plan.MILESTONE_LABELS[c.key], "mine": _shown(c.key, c.mine, names),
                 "theirs": _shown(c.key, c.theirs, names)} for c in outcome.conflicts]  # fmt: skip
        conflict = {"who": current.updated_by, "at": current.updated_at, "rows": rows,
                    "taken": [plan.MILESTONE_LABELS[n] for n in plan.MILESTONE_FIELDS if n in outcome.from_others]}  # fmt: skip
        return render(request, "workshop/milestone_form.html", {
            **context, "form": MilestoneForm(data, members=members), "conflict": conflict,
        }, status=409)  # fmt: skip
    if outcome.saved:
        messages.success(request, f"Der Meilenstein „{outcome.milestone.title}“ ist gespeichert.")
    else:
        messages.info(request, "Sie haben nichts geändert; der Meilenstein ist unverändert.")
    return redirect(_plan_url(workshop, milestone))


@login_required
@require_POST
def milestone_move(request: HttpRequest, key, pk: int) -> HttpResponse:
    workshop, _me = selectors.workshop_for_member(user=request.user, key=key)
    milestone = get_object_or_404(
        Milestone.objects.select_related("plan__workshop"), pk=pk, plan__workshop=workshop
    )
    if workshop.is_archived:
        return _archived_redirect(request, workshop)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    if plan.milestone_move(milestone=milestone, user=request.user, direction=direction):
        messages.success(request, f"„{milestone.title}“ ist verschoben.")
    return redirect(_plan_url(workshop, milestone))


@login_required
@require_POST
def milestone_delete(request: HttpRequest, key, pk: int) -> HttpResponse:
    workshop, _me = selectors.workshop_for_member(user=request.user, key=key)
    milestone = get_object_or_404(
        Milestone.objects.select_related("plan__workshop"), pk=pk, plan__workshop=workshop
    )
    if workshop.is_archived:
        return _archived_redirect(request, workshop)
    plan.milestone_delete(milestone=milestone, user=request.user)
    messages.success(request, f"Der Meilenstein „{milestone.title}“ ist entfernt.")
    return redirect(_plan_url(workshop))


# --- Checklist runs ---------------------------------------------------------------------------


def _checklists():
    from ikz.library.models import ChecklistPage

    return list(ChecklistPage.objects.live().public().order_by("title"))


def _runs(workshop):
    links = list(
        WorkshopChecklistRun.objects.filter(workshop=workshop).select_related(
            "run__checklist", "run__updated_by", "started_by"
        )
    )
    for link in links:
        link.done_count = link.run.states.filter(done=True).count()
        link.step_count = link.run.checklist.steps.count()
    return links


@login_required
@require_http_methods(["GET", "POST"])
def checklists(request: HttpRequest, key) -> HttpResponse:
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    available = _checklists()
    form = None if workshop.is_archived else ChecklistStartForm(request.POST or None, checklists=available)
    if request.method == "POST":
        if workshop.is_archived:
            return _archived_redirect(request, workshop)
        if form.is_valid():
            link = plan.checklist_start(
                workshop=workshop, user=request.user, checklist=form.cleaned_data["checklist"],
                title=form.cleaned_data["title"],
            )  # fmt: skip
            messages.success(
                request, f"Die Checkliste „{link.run.title}“ ist begonnen. Alle Mitglieder sehen sie."
            )
            return redirect("workshop:checklist_run", key=workshop.key, pk=link.pk)
    context = {
        "workshop": workshop,
        "me": me,
        "visibility": VISIBILITY,
        "runs": _runs(workshop),
        "form": form,
    }
    return render(
        request, "workshop/checklists.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def checklist_run(request: HttpRequest, key, pk: int) -> HttpResponse:
    from ikz.library.views import _parse_save, _save_message, _steps

    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    link = get_object_or_404(
        WorkshopChecklistRun.objects.select_related("run__checklist", "workshop"), pk=pk, workshop=workshop
    )
    page = link.run.checklist.specific
    outcome = base = None
    if request.method == "POST":
        if workshop.is_archived:
            return _archived_redirect(request, workshop)
        parsed = _parse_save(request, page)
        if parsed is None:
            messages.error(
                request, "Das Formular ist veraltet. Bitte laden Sie die Seite neu und speichern Sie erneut."
            )
            return redirect("workshop:checklist_run", key=workshop.key, pk=link.pk)
        base, mine = parsed
        outcome = plan.checklist_save(link=link, user=request.user, base=base, mine=mine)
        if not outcome.conflicts:
            messages.success(request, _save_message(outcome))
            return redirect("workshop:checklist_run", key=workshop.key, pk=link.pk)
        messages.warning(request, _save_message(outcome))
        link.run = outcome.run
    steps = _steps(page, link.run, outcome=outcome, posted_base=base)
    context = {
        "workshop": workshop, "me": me, "visibility": VISIBILITY, "link": link, "run": link.run,
        "page": page, "steps": steps, "done_count": sum(1 for s in steps if s.done),
        "read_only": workshop.is_archived,
    }  # fmt: skip
    return render(request, "workshop/checklist_run.html", context, status=409 if outcome else 200)


# --- E-mail ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest, key) -> HttpResponse:
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    form = NotificationForm(request.POST or None, initial={"mode": digest.mode_of(me)})
    if request.method == "POST" and form.is_valid():
        digest.mode_set(member=me, mode=form.cleaned_data["mode"])
        messages.success(request, f"Gespeichert: {NotifyMode(form.cleaned_data['mode']).label}.")
        return redirect("workshop:detail", key=workshop.key)
    context = {"workshop": workshop, "me": me, "visibility": VISIBILITY, "form": form}
    return render(
        request, "workshop/notifications.html", context, status=400 if request.method == "POST" else 200
    )


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in each mail: opening it changes nothing (mail scanners open links); a POST switches
    the mails of this one Werkstatt off. Works without login; the signed token names the member."""
    member = digest.unsubscribe_member(token)
    if member is None:
        return render(request, "workshop/unsubscribe.html", {"invalid": True}, status=404)
    done = False
    if request.method == "POST":
        digest.mode_set(member=member, mode=NotifyMode.NONE)
        done = True
    mode = digest.mode_of(member)
    return render(request, "workshop/unsubscribe.html", {
        "workshop_title": member.workshop.title, "done": done, "mode_label": NotifyMode(mode).label,
    })  # fmt: skip


# --- Start from an answered partner request -----------------------------------------------------


def _answered_request(request, pk: int):
    from ikz.projects.models import PartnerRequest

    partner_request = get_object_or_404(
        PartnerRequest.objects.select_related("municipality", "task_area"), pk=pk, created_by=request.user
    )
    answers = list(partner_request.answers.select_related("municipality").order_by("created_at"))
    if not answers:
        from django.http import Http404

        raise Http404("Auf diese Partnersuche hat noch niemand geantwortet.")
    return partner_request, answers


@login_required
@require_http_methods(["GET", "POST"])
def from_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a Werkstatt prefilled from one's own partner request that has answers: its task area,
    its text, and the Körperschaften that answered as partners (404 for anyone else's request)."""
    if not is_portal_member(request.user):
        return render(request, "workshop/members_only.html", status=403)
    partner_request, answers = _answered_request(request, pk)
    partners = [partner_request.municipality]
    for answer in answers:
        if answer.municipality not in partners:
            partners.append(answer.municipality)
    form = WorkshopForm(request.POST or None, initial={
        "title": partner_request.title, "task_area": partner_request.task_area.slug,
        "task": partner_request.description, "partners": partners,
    })  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        workshop = services.workshop_create(
            user=request.user, title=data["title"], task_area=data["task_area"], task=data["task"],
            partners=data["partners"],
        )  # fmt: skip
        services._log(
            workshop, request.user, plan.KIND_PLAN,
            f"{services._name(request.user)} hat die Werkstatt aus der Partnersuche „{partner_request.title}“ eröffnet.",
        )  # fmt: skip
        messages.success(
            request,
            f"Die Werkstatt „{workshop.title}“ ist eröffnet. Laden Sie jetzt die Ansprechpersonen der Partner ein.",
        )
        return redirect("workshop:detail", key=workshop.key)
    return render(request, "workshop/from_request.html", {
        "form": form, "partner_request": partner_request, "answers": answers, "register": _register_options(),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip
