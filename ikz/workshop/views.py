"""Pages of the Kooperationswerkstatt under /werkstatt/ (private: never page-cached).

Every page of one Werkstatt goes through selectors.workshop_for_member, which answers 404 to
everyone not in it – the Redaktion included – and reads the membership anew on each request.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ikz.core.throttle import Throttled, throttle_hit
from ikz.municipalities.models import Municipality
from ikz.municipalities.selectors import HEAVY_FIELDS
from ikz.projects.forms import municipality_label, municipality_resolve

from . import selectors, services
from .forms import (
    InvitationForm,
    NoteForm,
    ResultTargetForm,
    WorkshopEditForm,
    WorkshopForm,
    assistant_query_clean,
)
from .models import Note, NoteKind, WorkshopMember
from .permissions import is_portal_member

VISIBILITY = (
    "Nur die Mitglieder dieser Werkstatt sehen sie – auch die Redaktion nur, wenn sie eingeladen ist."
)
INVITE_RATES = {"workshop": (30, 60 * 60), "address": (3, 60 * 60)}


def _register_options() -> list[str]:
    return [municipality_label(m) for m in Municipality.objects.only("ags", "short_name", "type", "level")]


def result_url(query: str) -> str:
    return reverse("assistant:ergebnis") + "?" + query if query else ""


# --- List and create -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def workshop_list(request: HttpRequest) -> HttpResponse:
    can_create = is_portal_member(request.user)
    form = WorkshopForm(request.POST or None) if can_create else None
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied("Eine Werkstatt eröffnen können Mitglieder einer Körperschaft.")
        if form.is_valid():
            data = form.cleaned_data
            workshop = services.workshop_create(
                user=request.user, title=data["title"], task_area=data["task_area"], task=data["task"],
                partners=data["partners"], assistant_query=data["assistant_query"],
            )  # fmt: skip
            messages.success(
                request,
                f"Die Werkstatt „{workshop.title}“ ist eröffnet. Laden Sie jetzt Ihre Kolleginnen und Kollegen ein.",
            )
            return redirect("workshop:detail", key=workshop.key)
    return render(request, "workshop/workshop_list.html", {
        "open_workshops": selectors.workshops_of(user=request.user, archived=False),
        "archived_workshops": selectors.workshops_of(user=request.user, archived=True),
        "form": form, "can_create": can_create,
        "register": _register_options() if can_create else [],
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def result_adopt(request: HttpRequest) -> HttpResponse:
    """/werkstatt/uebernehmen/?<answers>: put an assistant result into a Werkstatt – an existing
    one or a new one prefilled from the answers. Reached from the assistant's result page."""
    if not is_portal_member(request.user):
        return render(request, "workshop/members_only.html", status=403)
    if request.method == "POST":
        query = assistant_query_clean(request.POST.get("assistant_query", ""))
    else:
        query = assistant_query_clean(request.GET.urlencode())
    workshops = list(selectors.workshops_of(user=request.user, archived=False))
    target = ResultTargetForm(request.POST or None, workshops=workshops, initial={"assistant_query": query})
    if request.method == "POST" and target.is_valid():
        workshop, _member = selectors.workshop_for_member(
            user=request.user, key=target.cleaned_data["workshop"]
        )
        services.workshop_result_save(
            workshop=workshop, user=request.user, assistant_query=target.cleaned_data["assistant_query"]
        )
        messages.success(request, f"Das Ergebnis ist in der Werkstatt „{workshop.title}“ gespeichert.")
        return redirect("workshop:detail", key=workshop.key)
    answers = QueryDict(query)
    create = WorkshopForm(initial=_prefill(answers, query))
    return render(request, "workshop/result_adopt.html", {
        "target": target, "workshops": workshops, "form": create, "query": query,
        "result_url": result_url(query), "register": _register_options(),
    })  # fmt: skip


def _prefill(answers: QueryDict, query: str) -> dict:
    from ikz.core.taxonomy import TaskArea

    area = (
        TaskArea.objects.filter(slug=answers.get("bereich", "")).first() if answers.get("bereich") else None
    )
    partners = []
    for value in answers.getlist("partner") + answers.getlist("ags"):
        found, _candidates = municipality_resolve(value)
        if found is not None and found not in partners:
            partners.append(found)
    task = answers.get("aufgabe", "")
    title = task.splitlines()[0][:120] if task else (f"Zusammenarbeit: {area.name}" if area else "")
    return {
        "title": title, "task_area": area.slug if area else "", "task": task, "partners": partners,
        "assistant_query": query,
    }  # fmt: skip


# --- One Werkstatt -------------------------------------------------------------------------


def _detail_context(request, workshop, me, **extra) -> dict:
    context = {
        "workshop": workshop,
        "me": me,
        "visibility": VISIBILITY,
        "members": selectors.members_of(workshop=workshop),
        "invitations": selectors.open_invitations_of(workshop=workshop) if me.is_lead else [],
        "activities": selectors.activities_of(workshop=workshop),
        "notes": selectors.notes_of(workshop=workshop),
        "partners": workshop.partners.defer(*HEAVY_FIELDS).order_by("short_name"),
        "result_url": result_url(workshop.assistant_query),
        "invite_form": InvitationForm() if me.is_lead and not workshop.is_archived else None,
        "note_form": NoteForm(initial={"kind": NoteKind.NOTE}) if not workshop.is_archived else None,
    }
    context.update(extra)
    return context


@login_required
def workshop_detail(request: HttpRequest, key) -> HttpResponse:
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    return render(request, "workshop/workshop_detail.html", _detail_context(request, workshop, me))


WORKSHOP_LABELS = {
    "title": "Titel",
    "task_area": "Aufgabenbereich",
    "task": "Aufgabe",
    "partners": "Partner-Körperschaften",
}


def _workshop_shown(name: str, value) -> str:
    from ikz.core.taxonomy import TaskArea

    if name == "task_area":
        area = TaskArea.objects.filter(slug=value).first() if value else None
        return area.name if area else "(noch offen)"
    if name == "partners":
        found = Municipality.objects.in_bulk(list(value), field_name="ags")
        return "\n".join(found[ags].display_name for ags in value if ags in found) or "(keine)"
    return value or "(leer)"


def _workshop_post_value(name: str, value) -> str:
    if name == "partners":
        found = Municipality.objects.in_bulk(list(value), field_name="ags")
        return "\n".join(municipality_label(found[ags]) for ags in value if ags in found)
    return value


@login_required
@require_http_methods(["GET", "POST"])
def workshop_edit(request: HttpRequest, key) -> HttpResponse:
    """Title, task and partners; any member may change them, nobody's change is lost (decision 0011)."""
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    if workshop.is_archived:
        return _archived_redirect(request, workshop)
    context = {"workshop": workshop, "visibility": VISIBILITY, "register": _register_options()}
    if request.method == "GET":
        values = services.workshop_values(workshop)
        form = WorkshopEditForm(
            initial=WorkshopEditForm.initial_for(values, workshop.partners.order_by("short_name"))
        )
        return render(request, "workshop/workshop_edit.html", {**context, "form": form})
    form = WorkshopEditForm(request.POST)
    if not form.is_valid():
        return render(request, "workshop/workshop_edit.html", {**context, "form": form}, status=400)
    discarded = []
    if "take_theirs" in request.POST:
        stored = services.workshop_values(workshop)
        mine = form.mine()
        data = request.POST.copy()
        names = [n for n in request.POST.getlist("take") if n in WORKSHOP_LABELS] or list(WORKSHOP_LABELS)
        for name, value in stored.items():
            data[f"base_{name}"] = ",".join(value) if name == "partners" else value
            if name in names and mine[name] != value:
                discarded.append({"label": WORKSHOP_LABELS[name], "text": _workshop_shown(name, mine[name])})
                data[name] = _workshop_post_value(name, value)
        messages.info(
            request, "Die gespeicherte Fassung steht jetzt im Formular. Speichern Sie, um sie so zu behalten."
        )
        return render(
            request,
            "workshop/workshop_edit.html",
            {**context, "form": WorkshopEditForm(data), "discarded": discarded},
        )
    try:
        outcome = services.workshop_update(
            workshop=workshop, user=request.user, base=form.base(), mine=form.mine()
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return render(request, "workshop/workshop_edit.html", {**context, "form": form}, status=409)
    if outcome.conflicts:
        stored = services.workshop_values(outcome.workshop)
        data = request.POST.copy()
        for name, value in stored.items():
            data[f"base_{name}"] = ",".join(value) if name == "partners" else value
            if name in outcome.from_others:
                data[name] = _workshop_post_value(name, value)
        rows = [{"name": c.key, "label": WORKSHOP_LABELS[c.key], "mine": _workshop_shown(c.key, c.mine),
                 "theirs": _workshop_shown(c.key, c.theirs)} for c in outcome.conflicts]  # fmt: skip
        last = outcome.workshop.activities.filter(kind="edited").select_related("actor").first()
        conflict = {"who": last.actor if last else None, "at": last.at if last else outcome.workshop.updated_at,
                    "rows": rows, "taken": [WORKSHOP_LABELS[n] for n in WORKSHOP_LABELS if n in outcome.from_others]}  # fmt: skip
        form = WorkshopEditForm(data)
        return render(
            request,
            "workshop/workshop_edit.html",
            {**context, "form": form, "conflict": conflict},
            status=409,
        )
    if outcome.saved:
        messages.success(request, "Die Angaben der Werkstatt sind gespeichert.")
    else:
        messages.info(request, "Sie haben nichts geändert; die Angaben sind unverändert.")
    return redirect("workshop:detail", key=workshop.key)


def _archived_redirect(request, workshop):
    messages.error(request, services.ARCHIVED)
    return redirect("workshop:detail", key=workshop.key)


@login_required
@require_POST
def invite(request: HttpRequest, key) -> HttpResponse:
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    if not me.is_lead:
        raise PermissionDenied("Einladen darf nur die Leitung der Werkstatt.")
    if workshop.is_archived:
        return _archived_redirect(request, workshop)
    form = InvitationForm(request.POST)
    if form.is_valid():
        email = form.cleaned_data["email"]
        try:
            throttle_hit(scope="workshop.invite", limits={
                "workshop": (str(workshop.key), INVITE_RATES["workshop"]),
                "address": (email, INVITE_RATES["address"]),
            })  # fmt: skip
            services.invitation_create(
                workshop=workshop, by=request.user, email=email, role=form.cleaned_data["role"]
            )
        except Throttled as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error("email", exc)
        else:
            messages.success(
                request,
                f"Die Einladung an {email} ist unterwegs. Der Link gilt {services.INVITATION_VALID_DAYS} Tage und nur einmal.",
            )
            return redirect("workshop:detail", key=workshop.key)
    context = _detail_context(request, workshop, me, invite_form=form)
    return render(request, "workshop/workshop_detail.html", context, status=400)


@login_required
@require_POST
def member_remove(request: HttpRequest, key, pk: int) -> HttpResponse:
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    if not me.is_lead:
        raise PermissionDenied("Mitglieder entfernen darf nur die Leitung der Werkstatt.")
    if workshop.is_archived:
        return _archived_redirect(request, workshop)
    member = get_object_or_404(WorkshopMember.objects.select_related("user"), pk=pk, workshop=workshop)
    try:
        services.member_remove(workshop=workshop, by=request.user, member=member)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        name = member.user.get_full_name() or member.user.email
        messages.success(request, f"{name} gehört der Werkstatt nicht mehr an.")
    if member.user_id == request.user.pk and not WorkshopMember.objects.filter(pk=member.pk).exists():
        return redirect("workshop:list")
    return redirect("workshop:detail", key=workshop.key)


@login_required
@require_POST
def leave(request: HttpRequest, key) -> HttpResponse:
    workshop, _me = selectors.workshop_for_member(user=request.user, key=key)
    if workshop.is_archived:
        return _archived_redirect(request, workshop)
    try:
        services.member_leave(workshop=workshop, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("workshop:detail", key=workshop.key)
    messages.success(request, f"Sie haben die Werkstatt „{workshop.title}“ verlassen.")
    return redirect("workshop:list")


@login_required
@require_http_methods(["GET", "POST"])
def archive(request: HttpRequest, key) -> HttpResponse:
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    if not me.is_lead:
        raise PermissionDenied("Abschließen darf nur die Leitung der Werkstatt.")
    if workshop.is_archived:
        return _archived_redirect(request, workshop)
    if request.method == "POST":
        services.workshop_archive(workshop=workshop, by=request.user)
        messages.success(request, "Die Werkstatt ist abgeschlossen. Sie bleibt für ihre Mitglieder lesbar.")
        return redirect("workshop:detail", key=workshop.key)
    return render(request, "workshop/archive_confirm.html", {"workshop": workshop})


# --- Invitations ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the mail. Opening it changes nothing (mail scanners open links); accepting is a POST."""
    found = services.invitation_by_token(token)
    # Accepted already – e.g. at the login this page asked for (signals.py): go on into the Werkstatt.
    accepted_by_me = (
        found is not None and found.accepted_by_id is not None and found.accepted_by_id == request.user.pk
    )
    if accepted_by_me and WorkshopMember.objects.filter(workshop=found.workshop, user=request.user).exists():
        messages.info(request, f"Sie gehören zur Werkstatt „{found.workshop.title}“.")
        return redirect("workshop:detail", key=found.workshop.key)
    if found is None or not found.is_open:
        return render(request, "workshop/invitation.html", {"invalid": True}, status=404)
    if not request.user.is_authenticated:
        return render(request, "workshop/invitation.html", {"invitation": found, "anonymous": True})
    error = None
    if request.method == "POST":
        try:
            workshop = services.invitation_accept(token=token, user=request.user)
        except services.InvitationError as exc:
            error = exc
        else:
            messages.success(request, f"Willkommen in der Werkstatt „{workshop.title}“.")
            return redirect("workshop:detail", key=workshop.key)
    elif found.email.lower() != request.user.email.lower():
        error = services.InvitationError("", code="address")
    context = {
        "invitation": found,
        "error": error,
        "wrong_address": error is not None and error.code == "address",
    }
    return render(request, "workshop/invitation.html", context, status=403 if error else 200)


# --- Notes and decisions -------------------------------------------------------------------


@login_required
@require_POST
def note_create(request: HttpRequest, key) -> HttpResponse:
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    if workshop.is_archived:
        return _archived_redirect(request, workshop)
    form = NoteForm(request.POST)
    if form.is_valid():
        note = services.note_create(workshop=workshop, user=request.user, **form.mine())
        messages.success(request, f"„{note.title}“ ist gespeichert.")
        return redirect(reverse("workshop:detail", kwargs={"key": workshop.key}) + f"#notiz-{note.pk}")
    context = _detail_context(request, workshop, me, note_form=form)
    return render(request, "workshop/workshop_detail.html", context, status=400)


def _note_form_initial(note: Note) -> dict:
    values = services.note_values(note)
    return {**values, **{f"base_{name}": value for name, value in values.items()}}


@login_required
@require_http_methods(["GET", "POST"])
def note_edit(request: HttpRequest, key, pk: int) -> HttpResponse:
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    note = get_object_or_404(
        Note.objects.select_related("created_by", "updated_by"), pk=pk, workshop=workshop
    )
    context = {"workshop": workshop, "note": note, "visibility": VISIBILITY}
    if workshop.is_archived:
        return render(request, "workshop/note_form.html", {**context, "read_only": True})
    if request.method == "GET":
        return render(
            request,
            "workshop/note_form.html",
            {**context, "form": NoteForm(initial=_note_form_initial(note))},
        )
    form = NoteForm(request.POST)
    if not form.is_valid():
        return render(request, "workshop/note_form.html", {**context, "form": form}, status=400)
    if "take_theirs" in request.POST:
        return _take_theirs(request, context, form, note)
    try:
        outcome = services.note_save(note=note, user=request.user, base=form.base(), mine=form.mine())
    except ValidationError as exc:  # archived meanwhile: keep the text on the page
        form.add_error(None, exc)
        return render(request, "workshop/note_form.html", {**context, "form": form}, status=409)
    if outcome.conflicts:
        return _conflict(request, context, form, outcome)
    if outcome.saved:
        messages.success(request, f"„{outcome.note.title}“ ist gespeichert.")
    else:
        messages.info(request, "Sie haben nichts geändert; die Notiz ist unverändert.")
    return redirect(reverse("workshop:detail", kwargs={"key": workshop.key}) + f"#notiz-{note.pk}")


LABELS = {"kind": "Art", "title": "Überschrift", "text": "Text"}


def _shown(name: str, value) -> str:
    if name == "kind":
        return str(NoteKind(value).label) if value in NoteKind.values else str(value)
    return value or "(leer)"


def _conflict(request, context, form, outcome) -> HttpResponse:
    """Both changed the same field: nothing of it is saved. The form keeps the person's input,
    its base becomes the stored version (so saving again keeps theirs), and each conflicting field
    shows the other version beside it."""
    note = outcome.note
    data = request.POST.copy()
    for name, value in services.note_values(note).items():
        data[f"base_{name}"] = value
        if name in outcome.from_others:
            data[name] = value  # only the colleague changed it: taken into the form
    rows = [
        {
            "name": c.key,
            "label": LABELS[c.key],
            "mine": _shown(c.key, c.mine),
            "theirs": _shown(c.key, c.theirs),
        }
        for c in outcome.conflicts
    ]
    conflict = {"who": note.updated_by, "at": note.updated_at, "rows": rows,
                "taken": [LABELS[n] for n in LABELS if n in outcome.from_others]}  # fmt: skip
    return render(
        request,
        "workshop/note_form.html",
        {**context, "form": NoteForm(data), "conflict": conflict},
        status=409,
    )


def _take_theirs(request, context, form, note) -> HttpResponse:
    """Put the stored version of the chosen fields into the form; the person's own text stays on
    the page below it, so nothing typed is lost before they save."""
    current = Note.objects.select_related("updated_by").get(pk=note.pk)
    stored = services.note_values(current)
    names = [n for n in request.POST.getlist("take") if n in LABELS] or list(LABELS)
    data = request.POST.copy()
    kept = []
    for name, value in stored.items():
        data[f"base_{name}"] = value
        if name in names and form.cleaned_data[name] != value:
            kept.append({"label": LABELS[name], "text": _shown(name, form.cleaned_data[name])})
            data[name] = value
    messages.info(
        request, "Die andere Fassung steht jetzt im Formular. Speichern Sie, um sie so zu behalten."
    )
    return render(request, "workshop/note_form.html", {**context, "form": NoteForm(data), "discarded": kept})
