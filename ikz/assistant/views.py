"""The public Kooperationsassistent: GET form in, result pages out; no state on the server.

The answers live in the query string, so a result URL is stable and can be shared; the pages
work without JavaScript (the partner field's suggestions are a native <datalist>).
"""

import re
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from ikz.api.http import json_error, read_only_api
from ikz.core import versioned_cache
from ikz.core.params import parse_int
from ikz.core.taxonomy import TaskArea
from ikz.municipalities.models import Municipality

from .checks import (
    Answers,
    LeaveAnswers,
    RuleBook,
    check_foerderung,
    check_umsatzsteuer,
    check_vergabe,
    contradictions,
    euro,
    funding_compute,
    leave_contradictions,
    leave_plan,
    legal_form_notes,
    rank_forms,
)
from .citations import CitationLinker
from .forms import PARTNER_SLOTS, AssistantForm, LeaveForm, partner_label, partners_resolve
from .models import FundingProgramme

SECTIONS = ("ergebnis", "rechtsform", "foerderung")
DOCUMENT_KINDS = ("pdf", "docx")
MAX_AUSGABEN = Decimal(10) ** 12
DISCLAIMER = (
    "Diese Auswertung unterstützt Ihre Prüfung; sie ersetzt weder eine Rechtsberatung noch die Auffassung "
    "der Aufsichtsbehörde oder des Finanzamts."
)


def _flat_choices(choices) -> dict:
    flat = {}
    for key, label in choices:
        if isinstance(label, list | tuple):
            flat.update(_flat_choices(label))
        else:
            flat[key] = label
    return flat


def _shown(form: AssistantForm, data: dict) -> dict[str, str]:
    """Each answer as the user sees it ("„Ja, nur als Erstattung der Kosten“", "12,5 %")."""
    shown = {}
    for name, field in form.fields.items():
        value = data.get(name)
        if value in (None, "", [], ()):
            continue
        choices = _flat_choices(getattr(field, "choices", None) or [])
        if isinstance(value, list):
            shown[name] = "„" + "“, „".join(str(choices.get(v, v)) for v in value) + "“"
        elif name in ("umsatz", "ausgaben"):
            shown[name] = euro(value)
        elif name == "marktanteil":
            shown[name] = f"{value.normalize():f} %".replace(".", ",")
        elif name == "bereich":
            shown[name] = f"„{data['bereich_obj'].name}“" if data.get("bereich_obj") else str(value)
        elif choices:
            shown[name] = f"„{choices.get(value, value)}“"
        else:
            shown[name] = f"„{value}“"
    return {name: f"Ihre Antwort: {text}" for name, text in shown.items()}


def answers_from_query(query) -> tuple[AssistantForm, Answers, list[str]]:
    """Parse the query string: the bound form, the answers and the errors (German)."""
    form = AssistantForm(query)
    partners = partners_resolve(query.getlist("partner") + query.getlist("ags"))
    errors = list(partners.errors)
    if not form.is_valid():
        for name, messages in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            errors += [f"{label}: {message}" for message in messages]
        return form, Answers(partners=partners.found), errors
    data = dict(form.cleaned_data)
    data["bereich_obj"] = TaskArea.objects.filter(slug=data["bereich"]).first() if data["bereich"] else None
    answers = Answers(
        partners=partners.found,
        ausserhalb=data["ausserhalb_nrw"] or 0,
        bereich=data["bereich_obj"],
        aufgabe=data["aufgabe"],
        ressourcen=frozenset(data["ressourcen"]),
        marktanteil=data["marktanteil"],
        umsatz=data["umsatz"],
        ausgaben=data["ausgaben"],
        shown=_shown(form, data),
        **{
            name: data[name] or "unklar"
            for name in ("privat", "zustaendigkeit", "dauer", "geld", "grundlage", "gemeinsame_aufgabe", "markt",
                         "kontrolle", "vorbehalten", "neu", "nutzen")
        },
    )  # fmt: skip
    return form, answers, errors


def _partner_values(query) -> list[str]:
    typed = [
        v.replace("\x00", "")[:200] for v in query.getlist("partner") + query.getlist("ags") if v.strip()
    ]
    return (typed + [""] * PARTNER_SLOTS)[: max(PARTNER_SLOTS, len(typed))]


def _start_context(query, form, errors) -> dict:
    return {
        "form": form,
        "errors": errors,
        "partner_values": _partner_values(query),
        "partner_options": [
            partner_label(m) for m in Municipality.objects.only("ags", "short_name", "type", "level")
        ],
    }


def start_view(request: HttpRequest) -> HttpResponse:
    """/assistent/: the questions, filled in again when the query carries earlier answers."""
    form = AssistantForm(request.GET or None)
    if request.GET:
        form.is_valid()
    return render(request, "assistant/start.html", _start_context(request.GET, form, []))


def result_context(query, section: str) -> tuple[dict, list[str]]:
    """Everything a result page shows for the answers in `query`: one function for the HTML pages
    and the PDF and DOCX downloads. Returns (context, errors); with errors the context holds only the form."""
    form, answers, errors = answers_from_query(query)
    if errors:
        return {"form": form}, errors
    encoded = query.urlencode()
    context = {
        "answers": answers,
        "form": form,
        "query": encoded,
        "section": section,
        "today": timezone.localdate(),
        "disclaimer": DISCLAIMER,
        "linker": None,
        "answer_rows": _answer_rows(form, answers),
        "contradictions": contradictions(answers),
        "links": {name: reverse(f"assistant:{name}") + "?" + encoded for name in (*SECTIONS, "start")},
    }
    context["links"].update(
        {kind: reverse(f"assistant:ergebnis_{kind}") + "?" + encoded for kind in DOCUMENT_KINDS}
    )
    rules, context["linker"] = versioned_cache.get_or_build("assistant:rules", _rules_and_linker)
    if not context["contradictions"]:
        if section == "ergebnis":
            context["vergabe"] = check_vergabe(answers, rules)
            context["umsatzsteuer"] = check_umsatzsteuer(answers, rules)
        if section in ("ergebnis", "rechtsform"):
            context["forms"] = rank_forms(answers, rules)
            context["form_notes"] = legal_form_notes(answers, rules)
        if section in ("ergebnis", "foerderung"):
            programme = _programme()
            if programme is not None:
                context["foerderung"] = check_foerderung(answers, rules, programme, context["today"])
    return context, []


def _result(request: HttpRequest, section: str) -> HttpResponse:
    if not request.GET:
        return redirect("assistant:start")
    context, errors = result_context(request.GET, section)
    if errors:
        return render(request, "assistant/start.html", _start_context(request.GET, context["form"], errors))
    return render(request, f"assistant/{section}.html", context)


def _rules_and_linker() -> tuple[RuleBook, CitationLinker]:
    """The rules and the pages of every section they cite: read once per content version (the
    Redaktion's edits and a changed library change the version), shared by every result page."""
    rules = RuleBook()
    linker = CitationLinker()
    linker.prefetch(line for rule in rules for line in rule.citation_lines)
    return rules, linker


def _programme() -> FundingProgramme | None:
    return versioned_cache.get_or_build(
        "assistant:programme", lambda: FundingProgramme.objects.order_by("pk").first()
    )


def _answer_rows(form: AssistantForm, answers: Answers) -> list[tuple[str, str]]:
    rows = [
        ("Partner", ", ".join(f"{p.display_name} ({p.ags})" for p in answers.partners) or "keine aus NRW")
    ]
    if answers.partners:
        rows[0] = ("Partner (der erste ist federführend)", rows[0][1])
    for name, field in form.fields.items():
        if name in answers.shown:
            rows.append((str(field.label), answers.shown[name].removeprefix("Ihre Antwort: ")))
    return rows


def result_view(request):
    return _result(request, "ergebnis")


def result_document_view(request: HttpRequest, kind: str) -> HttpResponse:
    """/assistent/ergebnis.pdf?… and .docx?…: the result page as a document, from the same answers."""
    from .documents import CONTENT_TYPES, result_document, result_filename

    context, errors = result_context(request.GET, "ergebnis") if request.GET else ({}, [NO_ANSWERS])
    if errors:
        return render(
            request,
            "assistant/fehler.html",
            {"errors": errors, "start_url": reverse("assistant:start") + "?" + request.GET.urlencode()},
            status=400,
        )
    body = result_document(context, request.build_absolute_uri("/"), kind)
    response = HttpResponse(body, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{result_filename(context, kind)}"'
    return response


NO_ANSWERS = (
    "Die Adresse enthält keine Antworten. Bitte zuerst die Fragen des Assistenten beantworten; "
    "der Download steht dann auf der Ergebnisseite."
)


def result_pdf_view(request):
    return result_document_view(request, "pdf")


def result_docx_view(request):
    return result_document_view(request, "docx")


def _leave_answers(form: LeaveForm) -> LeaveAnswers:
    data = form.cleaned_data
    return LeaveAnswers(**{name: data[name] or "unklar" for name in form.fields})


def leave_view(request: HttpRequest) -> HttpResponse:
    """/assistent/beenden/: the steps for leaving or ending a cooperation, by legal form and role."""
    form = LeaveForm(request.GET or None)
    context = {
        "form": form,
        "errors": [],
        "plan": None,
        "disclaimer": DISCLAIMER,
        "today": timezone.localdate(),
    }
    if request.GET:
        if form.is_valid():
            answers = _leave_answers(form)
            context["answers"] = answers
            context["answer_rows"] = [
                (str(field.label), str(dict(field.choices).get(form.cleaned_data[name] or "unklar", "")))
                for name, field in form.fields.items()
            ]
            context["contradictions"] = leave_contradictions(answers)
            if not context["contradictions"]:
                rules, context["linker"] = versioned_cache.get_or_build("assistant:rules", _rules_and_linker)
                context["plan"] = leave_plan(answers, rules)
        else:
            context["errors"] = [
                f"{form.fields[name].label}: {message}" if name in form.fields else message
                for name, messages in form.errors.items()
                for message in messages
            ]
    return render(request, "assistant/beenden.html", context)


def legal_form_view(request):
    return _result(request, "rechtsform")


def funding_view(request):
    return _result(request, "foerderung")


# --- API ---------------------------------------------------------------------------------


def _number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


@read_only_api
def funding_api_view(request):
    """GET /api/v1/assistent/foerderung?ags=…&ags=…&ausgaben=…[&ausserhalb_nrw=…]"""
    keys = [k.strip() for k in request.GET.getlist("ags") if k.strip()]
    if not keys:
        return json_error(
            "Bitte mindestens einen Gemeindeschlüssel angeben: ags=<AGS> (der erste ist federführend).",
            status=400,
        )
    if len(keys) > 50:
        return json_error("Bitte höchstens 50 Gemeindeschlüssel angeben.", status=400)
    partners, seen = [], set()
    for key in keys:
        if not (key.isascii() and re.fullmatch(r"[0-9]{5}|[0-9]{8}", key)):
            return json_error(
                f"„{key[:20]}“ ist kein Gemeindeschlüssel (8 Ziffern) oder Kreisschlüssel (5 Ziffern).",
                status=400,
            )
        if not key.startswith("05"):
            return json_error(
                f"{key} liegt nicht in Nordrhein-Westfalen (NRW-Schlüssel beginnen mit 05); Partner außerhalb NRW "
                "bitte mit ausserhalb_nrw=<Zahl> angeben.",
                status=400,
            )
        if key in seen:
            return json_error(f"{key} ist doppelt angegeben.", status=400)
        seen.add(key)
        municipality = Municipality.objects.filter(ags=key).first()
        if municipality is None:
            return json_error(f"Den Schlüssel {key} gibt es im Register der NRW-Kommunen nicht.", status=400)
        partners.append(municipality)
    raw = request.GET.get("ausgaben", "").strip().replace(",", ".")
    try:
        ausgaben = Decimal(raw)
    except InvalidOperation:
        return json_error(
            "Bitte die zuwendungsfähigen Ausgaben in Euro angeben: ausgaben=<Zahl>, z. B. ausgaben=300000.",
            status=400,
        )
    if not ausgaben.is_finite() or ausgaben < 0:
        return json_error("Die Ausgaben müssen eine Zahl von 0 an sein.", status=400)
    if ausgaben > MAX_AUSGABEN:
        return json_error("Die Ausgaben sind unrealistisch hoch (höchstens 1 Billion Euro).", status=400)
    ausserhalb = parse_int(request.GET.get("ausserhalb_nrw", "0").strip() or "0")
    if ausserhalb is None:
        return json_error("ausserhalb_nrw muss eine ganze Zahl sein.", status=400)
    if not 0 <= ausserhalb <= 50:
        return json_error("ausserhalb_nrw muss zwischen 0 und 50 liegen.", status=400)
    programme = _programme()
    if programme is None:
        return json_error("Die Förderdaten sind noch nicht hinterlegt.", status=503)
    result = funding_compute(partners=partners, ausserhalb=ausserhalb, ausgaben=ausgaben, programme=programme)
    return JsonResponse(
        {
            "zuwendung": _number(result.amount),
            "bewilligungsbehoerde": result.authority,
            "gruende": result.reasons,
            "stand": programme.stand.isoformat(),
            "quelle": programme.source_url,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def result_url(params: dict) -> str:
    """The result page for `params` (a dict of lists), as the form would submit it."""
    return reverse("assistant:ergebnis") + "?" + urlencode(params, doseq=True)
