"""Drafts of a Werkstatt under /werkstatt/<key>/entwuerfe/ (private: never page-cached).

Every view reaches the Werkstatt through workshop.selectors.workshop_for_member, which answers 404
to everyone not in it – the Redaktion included. An archived Werkstatt's drafts can be read and
downloaded, not changed.
"""

import difflib
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from ikz.assistant.citations import CitationLinker
from ikz.core.params import parse_int
from ikz.library.docgen import WRITERS
from ikz.municipalities.selectors import HEAVY_FIELDS
from ikz.workshop import selectors
from ikz.workshop.services import ARCHIVED

from . import services
from .drafting import catalog, citation_url, document, draft_values, generate, snapshot
from .forms import DraftCreateForm, DraftForm
from .models import Draft, DraftKind

VISIBILITY = "Nur die Mitglieder dieser Werkstatt sehen die Entwürfe – auch die Redaktion nur, wenn sie eingeladen ist."
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "pdf": "application/pdf",
}
FORMAT_LABELS = {"docx": "Word (DOCX)", "odt": "OpenDocument (ODT)", "pdf": "PDF"}


def _url(name: str, workshop, *args) -> str:
    return reverse(f"workshop:agreements:{name}", args=[workshop.key, *args])


def _cited(clauses: list[dict], linker: CitationLinker) -> list[dict]:
    """Clauses for the page, each citation with its Wissensdatenbank link (or None)."""
    linker.prefetch({c for clause in clauses for c in clause["citations"]})
    return [
        {**clause, "links": [{"text": c, "url": citation_url(linker, c)} for c in clause["citations"]]}
        for clause in clauses
    ]


def _requirements(generated, linker) -> list[dict]:
    return [
        {
            "label": state.label,
            "met": state.met,
            "note": state.note,
            "citation": state.requirement.citation,
            "url": citation_url(linker, state.requirement.citation),
            "quote": state.requirement.quote,
        }
        for state in generated.requirements
    ]


# --- List and create -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def draft_list(request: HttpRequest, key) -> HttpResponse:
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    drafts = workshop.drafts.select_related("updated_by")
    initial_kind = services.suggested_kind(workshop)
    form = (
        None
        if workshop.is_archived
        else DraftCreateForm(request.POST or None, initial={"kind": initial_kind})
    )
    if request.method == "POST":
        if workshop.is_archived:
            messages.error(request, ARCHIVED)
            return redirect(_url("list", workshop))
        if form.is_valid():
            try:
                draft = services.draft_create(
                    workshop=workshop, user=request.user, kind=form.cleaned_data["kind"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    f"Der Entwurf „{draft.get_kind_display()}“ ist angelegt. Ergänzen Sie die fehlenden Angaben.",
                )
                return redirect(_url("detail", workshop, draft.pk))
    kinds = catalog().kinds
    return render(
        request,
        "agreements/draft_list.html",
        {"workshop": workshop, "me": me, "drafts": drafts, "form": form, "visibility": VISIBILITY,
         "kind_help": {k: v.help for k, v in kinds.items()}},
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )  # fmt: skip


# --- One draft ----------------------------------------------------------------------------------


def _draft(request, key, pk):
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    draft = get_object_or_404(
        Draft.objects.select_related("updated_by", "created_by"), pk=pk, workshop=workshop
    )
    draft.workshop = workshop
    return workshop, me, draft


def _initial(draft: Draft) -> dict:
    values = draft_values(draft)
    return {**values, **{f"base_{name}": value for name, value in values.items()}}


def _context(request, workshop, draft, **extra) -> dict:
    linker = CitationLinker()
    generated = generate(snapshot(draft))
    return {
        "workshop": workshop,
        "draft": draft,
        "visibility": VISIBILITY,
        "generated": generated,
        "clauses": _cited(generated.clauses, linker),
        "requirements": _requirements(generated, linker),
        "versions": draft.versions.select_related("author")[:20],
        "formats": [
            (fmt, label, _url("download", workshop, draft.pk, fmt)) for fmt, label in FORMAT_LABELS.items()
        ],
        "read_only": workshop.is_archived,
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def draft_detail(request: HttpRequest, key, pk: int) -> HttpResponse:
    workshop, me, draft = _draft(request, key, pk)
    partners = list(workshop.partners.defer(*HEAVY_FIELDS).order_by("short_name"))
    if workshop.is_archived:
        if request.method == "POST":  # archived meanwhile: nothing is saved, the input comes back
            form = DraftForm(request.POST, partners=partners)
            form.is_valid()
            unsaved = [
                {"label": services.LABELS[name], "text": _shown(name, form.data.get(name, ""), partners)}
                for name in services.LABELS
                if form.data.get(name, "") not in ("", form.data.get(f"base_{name}", ""))
            ]
            context = _context(request, workshop, draft, unsaved=unsaved, archived_error=ARCHIVED)
            return render(request, "agreements/draft_detail.html", context, status=409)
        return render(request, "agreements/draft_detail.html", _context(request, workshop, draft))
    if request.method == "GET":
        form = DraftForm(initial=_initial(draft), partners=partners)
        return render(request, "agreements/draft_detail.html", _context(request, workshop, draft, form=form))
    form = DraftForm(request.POST, partners=partners)
    if not form.is_valid():
        return render(
            request, "agreements/draft_detail.html", _context(request, workshop, draft, form=form), status=400
        )
    if "take_theirs" in request.POST:
        return _take_theirs(request, workshop, draft, form, partners)
    try:
        outcome = services.draft_save(draft=draft, user=request.user, base=form.base(), mine=form.mine())
    except ValidationError as exc:  # archived meanwhile: the input stays in the form
        form.add_error(None, exc)
        return render(
            request, "agreements/draft_detail.html", _context(request, workshop, draft, form=form), status=409
        )
    if outcome.conflicts:
        return _conflict(request, workshop, outcome, partners)
    if outcome.saved:
        messages.success(request, f"Der Entwurf ist gespeichert (Version {outcome.version.number}).")
    else:
        messages.info(request, "Sie haben nichts geändert; es ist keine neue Version entstanden.")
    return redirect(_url("detail", workshop, draft.pk))


def _shown(name: str, value, partners) -> str:
    if name == "kind":
        return str(DraftKind(value).label) if value in DraftKind.values else str(value)
    if name == "lead_ags":
        return next((m.display_name for m in partners if m.ags == value), value) or "(noch offen)"
    return value or "(leer)"


def _conflict(request, workshop, outcome, partners) -> HttpResponse:
    """Both changed the same field: nothing of it is saved. The form keeps the person's input, its
    base becomes the stored version (so saving again keeps theirs), and each conflicting field shows
    the other version beside it."""
    draft = outcome.draft
    data = request.POST.copy()
    for name, value in draft_values(draft).items():
        data[f"base_{name}"] = value
        if name in outcome.from_others:
            data[name] = value  # only the colleague changed it: taken into the form
    rows = [
        {"name": c.key, "label": services.LABELS[c.key], "mine": _shown(c.key, c.mine, partners),
         "theirs": _shown(c.key, c.theirs, partners)}
        for c in outcome.conflicts
    ]  # fmt: skip
    conflict = {"who": draft.updated_by, "at": draft.updated_at, "rows": rows,
                "taken": [services.LABELS[n] for n in services.LABELS if n in outcome.from_others]}  # fmt: skip
    form = DraftForm(data, partners=partners)
    return render(
        request,
        "agreements/draft_detail.html",
        _context(request, workshop, draft, form=form, conflict=conflict),
        status=409,
    )


def _take_theirs(request, workshop, draft, form, partners) -> HttpResponse:
    """Put the stored version of the chosen fields into the form; the person's own input stays on
    the page below it, so nothing typed is lost before they save."""
    current = Draft.objects.select_related("updated_by").get(pk=draft.pk)
    current.workshop = workshop
    stored = draft_values(current)
    names = [n for n in request.POST.getlist("take") if n in services.LABELS] or list(services.LABELS)
    mine = form.mine()
    data = request.POST.copy()
    kept = []
    for name, value in stored.items():
        data[f"base_{name}"] = value
        if name in names and mine[name] != value:
            kept.append({"label": services.LABELS[name], "text": _shown(name, mine[name], partners)})
            data[name] = value
    messages.info(
        request, "Die gespeicherte Fassung steht jetzt im Formular. Speichern Sie, um sie so zu behalten."
    )
    return render(
        request,
        "agreements/draft_detail.html",
        _context(request, workshop, current, form=DraftForm(data, partners=partners), discarded=kept),
    )


# --- Download ---------------------------------------------------------------------------------


@login_required
@require_GET
def draft_download(request: HttpRequest, key, pk: int, fmt: str) -> HttpResponse:
    workshop, _me, draft = _draft(request, key, pk)
    if fmt not in WRITERS:
        raise Http404("Dieses Format gibt es nicht.")
    raw_number = request.GET.get("version", "")
    number = None
    if raw_number:
        number = parse_int(raw_number)
        if number is None or number < 1:
            raise Http404("Diese Version gibt es nicht.")
        version = get_object_or_404(draft.versions, number=number)
        snap, label = version.snapshot, f"Version {version.number} vom {version.created_at:%d.%m.%Y}"
    else:
        snap, label = snapshot(draft), f"Stand {draft.updated_at:%d.%m.%Y}, Version {draft.version}"
    generated = generate(snap)
    body = WRITERS[fmt](
        document(
            generated, linker=CitationLinker(), base_url=request.build_absolute_uri("/"), version_label=label
        )
    )
    name = slugify(f"{generated.title} {workshop.title}")[:80] or "entwurf"
    suffix = f"-v{number}" if number else ""
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}{suffix}.{fmt}"'
    return response


# --- Versions and comparison ---------------------------------------------------------------------

_TOKEN = re.compile(r"\s+|[^\s]+")


def _diff_html(old: str, new: str) -> str:
    """Word-level difference, with ins/del and a text label for screen readers and print."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(
                f'<del><span class="visually-hidden">[gestrichen: </span>{escape("".join(a[i1:i2]))}'
                f'<span class="visually-hidden">]</span></del>'
            )
        if op in ("insert", "replace"):
            out.append(
                f'<ins><span class="visually-hidden">[eingefügt: </span>{escape("".join(b[j1:j2]))}'
                f'<span class="visually-hidden">]</span></ins>'
            )
    return mark_safe("".join(out))  # noqa: S308 - every text piece is escaped above


def compare_clauses(old: list[dict], new: list[dict]) -> list[dict]:
    """Clause by clause (matched by key): unchanged, changed (with word diff), added or removed."""
    before = {c["key"]: c for c in old}
    after = {c["key"]: c for c in new}
    order = [c["key"] for c in new] + [c["key"] for c in old if c["key"] not in after]
    rows = []
    for key in order:
        a, b = before.get(key), after.get(key)
        if a is None:
            rows.append(
                {
                    "status": "neu",
                    "heading": b["heading"],
                    "paragraphs": [_diff_html("", p) for p in b["paragraphs"]],
                }
            )
            continue
        if b is None:
            rows.append(
                {
                    "status": "entfallen",
                    "heading": a["heading"],
                    "paragraphs": [_diff_html(p, "") for p in a["paragraphs"]],
                }
            )
            continue
        text_a, text_b = "\n".join(a["paragraphs"]), "\n".join(b["paragraphs"])
        changed = text_a != text_b or a["heading"] != b["heading"]
        paragraphs = []
        if changed:
            matcher = difflib.SequenceMatcher(a=a["paragraphs"], b=b["paragraphs"], autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                if op == "equal":
                    paragraphs.extend(escape(p) for p in a["paragraphs"][i1:i2])
                elif op == "replace" and i2 - i1 == j2 - j1:
                    paragraphs.extend(
                        _diff_html(x, y)
                        for x, y in zip(a["paragraphs"][i1:i2], b["paragraphs"][j1:j2], strict=True)
                    )
                else:
                    paragraphs.extend(_diff_html(p, "") for p in a["paragraphs"][i1:i2])
                    paragraphs.extend(_diff_html("", p) for p in b["paragraphs"][j1:j2])
        else:
            paragraphs = [escape(p) for p in b["paragraphs"]]
        rows.append({
            "status": "geändert" if changed else "unverändert",
            "heading": b["heading"] if a["heading"] == b["heading"] else _diff_html(a["heading"], b["heading"]),
            "paragraphs": paragraphs,
        })  # fmt: skip
    return rows


@login_required
@require_GET
def draft_versions(request: HttpRequest, key, pk: int) -> HttpResponse:
    workshop, _me, draft = _draft(request, key, pk)
    versions = list(draft.versions.select_related("author"))
    numbers = {v.number: v for v in versions}
    comparison = None
    error = ""
    raw_a, raw_b = request.GET.get("a", ""), request.GET.get("b", "")
    a, b = parse_int(raw_a), parse_int(raw_b)
    if raw_a or raw_b:
        if a not in numbers or b not in numbers:
            error = "Bitte wählen Sie zwei vorhandene Versionen zum Vergleich."
        elif a == b:
            error = "Bitte wählen Sie zwei verschiedene Versionen."
        else:
            old, new = sorted((numbers[a], numbers[b]), key=lambda v: v.number)
            rows = compare_clauses(old.clauses, new.clauses)
            comparison = {
                "old": old, "new": new, "rows": rows,
                "changed": sum(1 for r in rows if r["status"] != "unverändert"),
                "missing_old": old.missing, "missing_new": new.missing,
            }  # fmt: skip
    default_a = versions[1].number if len(versions) > 1 else ""
    default_b = versions[0].number if versions else ""
    return render(
        request,
        "agreements/draft_versions.html",
        {"workshop": workshop, "draft": draft, "versions": versions, "comparison": comparison,
         "error": error, "visibility": VISIBILITY,
         "a": default_a if a is None else a, "b": default_b if b is None else b},
        status=400 if error else 200,
    )  # fmt: skip
