"""The assistant's checks: which rule applies to which answers.

Every German conclusion the user reads is a `Rule` (data, see models.py); this module only
decides, from the answers, whether a condition is met, not met or unclear, which answer decided
it, and which reasons, results and notes apply. Thresholds come from the rules too.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ikz.core import versioned_cache

from .models import Check, Form, FundingProgramme, Rule

MET, NOT_MET, UNCLEAR = "erfuellt", "nicht_erfuellt", "unklar"
STATUS_LABELS = {MET: "erfüllt", NOT_MET: "nicht erfüllt", UNCLEAR: "unklar"}
LONG_TERMS = ("5bis20", "ueber20", "unbefristet")


class RuleMissing(LookupError):
    pass


class RuleBook:
    """The rules by key, read once per request."""

    def __init__(self, rules=None):
        self._rules = {rule.key: rule for rule in (rules if rules is not None else Rule.objects.all())}

    def __getitem__(self, key: str) -> Rule:
        try:
            return self._rules[key]
        except KeyError:
            raise RuleMissing(
                f"Die Regel „{key}“ fehlt; bitte im Redaktionsbereich wieder anlegen."
            ) from None

    def __iter__(self):
        return iter(self._rules.values())


@dataclass
class Answers:
    """The answers, parsed; `shown` gives each answer as the user chose it (for "deciding answer")."""

    partners: list = field(default_factory=list)  # Municipality, lead first
    ausserhalb: int = 0
    bereich: object = None  # TaskArea or None
    aufgabe: str = ""
    privat: str = "unklar"
    zustaendigkeit: str = "unklar"
    ressourcen: frozenset = frozenset()
    dauer: str = "unklar"
    geld: str = "unklar"
    grundlage: str = "unklar"
    gemeinsame_aufgabe: str = "unklar"
    markt: str = "unklar"
    marktanteil: Decimal | None = None
    kontrolle: str = "unklar"
    vorbehalten: str = "unklar"
    umsatz: Decimal | None = None
    neu: str = "unklar"
    nutzen: str = "unklar"
    ausgaben: Decimal | None = None
    shown: dict[str, str] = field(default_factory=dict)

    def said(self, name: str) -> str:
        return self.shown.get(name, "keine Angabe")


@dataclass
class Condition:
    rule: Rule
    status: str
    decided_by: str  # the answer that decided it, as the user gave it

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def explanation(self) -> str:
        text = {MET: self.rule.text_met, NOT_MET: self.rule.text_not_met, UNCLEAR: self.rule.text_unclear}
        return text[self.status]


@dataclass
class Route:
    title: str
    conditions: list[Condition]
    status: str


@dataclass
class CheckResult:
    outcome: Rule
    status: str
    routes: list[Route]
    notes: list[Rule] = field(default_factory=list)

    @property
    def decisive(self) -> list[Condition]:
        """The conditions the outcome rests on (those of the route that decided it)."""
        return next((route.conditions for route in self.routes if route.status == self.status), [])


def all_of(statuses: list[str]) -> str:
    if NOT_MET in statuses:
        return NOT_MET
    return MET if all(s == MET for s in statuses) else UNCLEAR


def any_of(statuses: list[str]) -> str:
    if MET in statuses:
        return MET
    return NOT_MET if all(s == NOT_MET for s in statuses) else UNCLEAR


def _yes_no(value: str) -> str:
    return {"ja": MET, "nein": NOT_MET}.get(value, UNCLEAR)


def _no_yes(value: str) -> str:
    return {"nein": MET, "ja": NOT_MET}.get(value, UNCLEAR)


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f} %".replace(".", ",")


# --- Contradictions ----------------------------------------------------------------------


def contradictions(a: Answers) -> list[str]:
    """Answers that cannot all be true, explained in German (the checks are not run then)."""
    found = []
    if a.markt == "nein" and a.marktanteil:
        found.append(
            f"Sie haben angegeben, dass kein Partner die Leistung auf dem Markt anbietet, aber einen Marktanteil "
            f"von {_percent(a.marktanteil)} genannt. Bitte eine der beiden Angaben korrigieren."
        )
    if a.markt == "ja" and a.marktanteil is not None and a.marktanteil == 0:
        found.append(
            "Sie haben angegeben, dass ein Partner die Leistung auf dem Markt anbietet, aber einen Marktanteil "
            "von 0 % genannt. Bitte eine der beiden Angaben korrigieren."
        )
    if a.zustaendigkeit == "abstimmung" and "gebuehren" in a.ressourcen:
        found.append(
            "Sie wollen sich nur abstimmen, die Zusammenarbeit soll aber Gebühren erheben. Gebühren erhebt, wer die "
            "Aufgabe selbst wahrnimmt – bitte angeben, ob die Verantwortung oder die Arbeit wechseln soll."
        )
    if a.grundlage == "privat" and a.zustaendigkeit == "uebertragen":
        found.append(
            "Die Verantwortung soll auf einen Partner übergehen, die Zusammenarbeit aber privatrechtlich geregelt "
            "werden. Eine Aufgabe geht nur mit einer öffentlich-rechtlichen Vereinbarung auf einen Partner über "
            "(§ 23 Abs. 2 GkG NRW) – bitte eine der beiden Angaben ändern."
        )
    if len(a.partners) + a.ausserhalb < 2:
        found.append(
            "Für eine Zusammenarbeit braucht es mindestens zwei Partner: bitte weitere Kommunen nennen oder die "
            "Zahl der Partner außerhalb NRW angeben."
        )
    return found


# --- § 108 GWB ---------------------------------------------------------------------------


def _share_condition(rule: Rule, a: Answers, *, for_partners: bool) -> Condition:
    """Market share against the rule's threshold: "< 20 % on the market" or "> 80 % for the partners"."""
    if a.marktanteil is None:
        if a.markt == "nein":
            return Condition(rule, MET, a.said("markt"))
        return Condition(rule, UNCLEAR, a.said("marktanteil") if a.markt == "ja" else a.said("markt"))
    met = Decimal(100) - a.marktanteil > rule.threshold if for_partners else a.marktanteil < rule.threshold
    return Condition(rule, MET if met else NOT_MET, a.said("marktanteil"))


def check_vergabe(a: Answers, rules: RuleBook) -> CheckResult:
    if a.zustaendigkeit == "neuer_traeger":
        control = Condition(rules["gwb108-4-1"], _yes_no(a.kontrolle), a.said("kontrolle"))
    elif a.zustaendigkeit == "unklar":
        control = Condition(rules["gwb108-4-1"], UNCLEAR, a.said("zustaendigkeit"))
    else:  # no body of its own performs the task
        control = Condition(rules["gwb108-4-1"], NOT_MET, a.said("zustaendigkeit"))
    inhouse = [
        control,
        _share_condition(rules["gwb108-4-2"], a, for_partners=True),
        Condition(rules["gwb108-4-3"], _no_yes(a.privat), a.said("privat")),
    ]
    interest = MET if a.geld in ("keins", "kostenerstattung") else UNCLEAR
    horizontal = [
        Condition(rules["gwb108-6-0"], _no_yes(a.privat), a.said("privat")),
        Condition(rules["gwb108-6-1"], _yes_no(a.gemeinsame_aufgabe), a.said("gemeinsame_aufgabe")),
        Condition(rules["gwb108-6-2"], interest, a.said("geld")),
        _share_condition(rules["gwb108-6-3"], a, for_partners=False),
    ]
    routes = [
        Route("Inhouse-Vergabe an eine gemeinsam kontrollierte Stelle (§ 108 Abs. 4 und 5 GWB)", inhouse, all_of([c.status for c in inhouse])),
        Route("Horizontale Zusammenarbeit öffentlicher Auftraggeber (§ 108 Abs. 6 GWB)", horizontal, all_of([c.status for c in horizontal])),
    ]  # fmt: skip
    statuses = [route.status for route in routes]
    if routes[0].status == MET and (a.zustaendigkeit == "neuer_traeger" or routes[1].status != MET):
        outcome, status = rules["gwb108-ergebnis-inhouse"], MET
    elif routes[1].status == MET:
        outcome, status = rules["gwb108-ergebnis-horizontal"], MET
        routes.reverse()  # the deciding route first
    elif all(s == NOT_MET for s in statuses):
        outcome, status = rules["gwb108-ergebnis-keine"], NOT_MET
    else:
        outcome, status = rules["gwb108-ergebnis-unklar"], UNCLEAR
    return CheckResult(outcome, status, routes, notes=[rules["gwb108-dokumentation"]])


# --- § 2b UStG ---------------------------------------------------------------------------


def check_umsatzsteuer(a: Answers, rules: RuleBook) -> CheckResult:
    public = Condition(
        rules["ustg2b-1"],
        {"oeffentlich": MET, "privat": NOT_MET}.get(a.grundlage, UNCLEAR),
        a.said("grundlage"),
    )
    small = rules["ustg2b-2-1"]
    if a.umsatz is None:
        small_condition = Condition(small, UNCLEAR, a.said("umsatz"))
    else:
        small_condition = Condition(small, MET if a.umsatz <= small.threshold else NOT_MET, a.said("umsatz"))
    if a.grundlage == "privat":
        long_term = Condition(rules["ustg2b-3-2-a"], NOT_MET, a.said("grundlage"))
    elif a.grundlage == "oeffentlich" and a.dauer in LONG_TERMS:
        long_term = Condition(rules["ustg2b-3-2-a"], MET, a.said("dauer"))
    else:
        long_term = Condition(
            rules["ustg2b-3-2-a"], UNCLEAR, a.said("dauer" if a.grundlage == "oeffentlich" else "grundlage")
        )
    nr2 = [
        long_term,
        Condition(rules["ustg2b-3-2-b"], _yes_no(a.gemeinsame_aufgabe), a.said("gemeinsame_aufgabe")),
        Condition(
            rules["ustg2b-3-2-c"],
            {"kostenerstattung": MET, "preis": NOT_MET}.get(a.geld, UNCLEAR),
            a.said("geld"),
        ),
        Condition(rules["ustg2b-3-2-d"], MET if a.markt == "nein" else UNCLEAR, a.said("markt")),
    ]
    recipients = Condition(rules["ustg2b-3"], _no_yes(a.privat), a.said("privat"))
    reserved = Condition(rules["ustg2b-3-1"], _yes_no(a.vorbehalten), a.said("vorbehalten"))
    routes = [
        Route("Absatz 1: Handeln im Rahmen der öffentlichen Gewalt", [public], public.status),
        Route("Absatz 2 Nr. 1: kleiner Umsatz", [small_condition], small_condition.status),
        Route("Absatz 3 Nr. 1: Leistung an öffentliche Stellen, gesetzlich vorbehalten", [recipients, reserved],
              all_of([recipients.status, reserved.status])),
        Route("Absatz 3 Nr. 2: Leistung an öffentliche Stellen, gemeinsame spezifische öffentliche Interessen (a–d)",
              [recipients, *nr2], all_of([recipients.status, *(c.status for c in nr2)])),
    ]  # fmt: skip
    no_distortion = any_of([route.status for route in routes[1:]])
    if public.status == NOT_MET:
        outcome, status, shown = rules["ustg2b-ergebnis-unternehmer"], NOT_MET, routes[:1]
    elif public.status == UNCLEAR:
        outcome, status, shown = rules["ustg2b-ergebnis-unklar"], UNCLEAR, routes
    elif no_distortion == MET:
        deciding = next(route for route in routes[1:] if route.status == MET)
        outcome, status = rules["ustg2b-ergebnis-kein-unternehmer"], MET
        shown = [
            Route(f"{routes[0].title}; {deciding.title}", [public, *deciding.conditions], MET),
            *(r for r in routes[1:] if r is not deciding),
        ]
    elif no_distortion == NOT_MET:
        outcome, status, shown = rules["ustg2b-ergebnis-offen"], UNCLEAR, routes
    else:
        outcome, status, shown = rules["ustg2b-ergebnis-unklar"], UNCLEAR, routes
    notes = [rules["ustg2b-4"], rules["ustg27-22"]]
    if a.geld == "keins":
        notes.insert(0, rules["ustg-kein-entgelt"])
    return CheckResult(outcome, status, shown, notes=notes)


# --- Legal forms, supervision, projects ---------------------------------------------------

Predicate = Callable[[Answers], bool]
D, M = Form.OERV_DELEGIEREND, Form.OERV_MANDATIEREND
CORE_RESOURCES = {"personal", "vermoegen", "haushalt"}

# (rule key, forms it speaks about, when it applies)
FORM_REASONS: list[tuple[str, tuple[str, ...], Predicate]] = [
    ("ag-abstimmung", (Form.ARBEITSGEMEINSCHAFT,), lambda a: a.zustaendigkeit == "abstimmung"),
    ("ag-privat", (Form.ARBEITSGEMEINSCHAFT,), lambda a: a.privat == "ja"),
    ("ag-keine-aufgabe", (Form.ARBEITSGEMEINSCHAFT,), lambda a: a.zustaendigkeit in ("durchfuehrung", "uebertragen", "neuer_traeger")),
    ("ag-ressourcen", (Form.ARBEITSGEMEINSCHAFT,), lambda a: bool(a.ressourcen)),
    ("oerv-d-uebertragen", (D,), lambda a: a.zustaendigkeit == "uebertragen"),
    ("oerv-d-nur-durchfuehrung", (D,), lambda a: a.zustaendigkeit == "durchfuehrung"),
    ("oerv-m-durchfuehrung", (M,), lambda a: a.zustaendigkeit == "durchfuehrung"),
    ("oerv-m-uebertragen", (M,), lambda a: a.zustaendigkeit == "uebertragen"),
    ("oerv-privat", (D, M), lambda a: a.privat == "ja"),
    ("oerv-ausserhalb", (D, M), lambda a: a.ausserhalb > 0),
    ("oerv-ressourcen", (D, M), lambda a: bool(a.ressourcen & CORE_RESOURCES)),
    ("zv-neuer-traeger", (Form.ZWECKVERBAND,), lambda a: a.zustaendigkeit == "neuer_traeger"),
    ("zv-ressourcen", (Form.ZWECKVERBAND,), lambda a: bool(a.ressourcen)),
    ("zv-kurz", (Form.ZWECKVERBAND,), lambda a: a.dauer == "unter5"),
    ("zv-nur-abstimmung", (Form.ZWECKVERBAND,), lambda a: a.zustaendigkeit in ("abstimmung", "durchfuehrung")),
    ("zv-privat", (Form.ZWECKVERBAND,), lambda a: a.privat == "ja"),
    ("gku-neuer-traeger", (Form.GKU,), lambda a: a.zustaendigkeit == "neuer_traeger"),
    ("gku-ressourcen", (Form.GKU,), lambda a: bool(a.ressourcen & CORE_RESOURCES)),
    ("gku-privat", (Form.GKU,), lambda a: a.privat == "ja"),
    ("gku-ausserhalb", (Form.GKU,), lambda a: a.ausserhalb > 0),
    ("gku-kurz", (Form.GKU,), lambda a: a.dauer == "unter5"),
    ("gku-nur-abstimmung", (Form.GKU,), lambda a: a.zustaendigkeit in ("abstimmung", "durchfuehrung")),
    ("priv-privat", (Form.PRIVATRECHTLICH,), lambda a: a.privat == "ja"),
    ("priv-markt", (Form.PRIVATRECHTLICH,), lambda a: a.markt == "ja"),
    ("priv-bedingungen", (Form.PRIVATRECHTLICH,), lambda a: True),
    ("vertrag-einzelleistung", (Form.OER_VERTRAG,), lambda a: a.zustaendigkeit in ("abstimmung", "durchfuehrung")),
    ("vertrag-keine-uebertragung", (Form.OER_VERTRAG,), lambda a: a.zustaendigkeit in ("uebertragen", "neuer_traeger")),
]  # fmt: skip

FORM_REQUIREMENTS: list[tuple[str, tuple[str, ...], Predicate]] = [
    ("oerv-schriftform", (D, M), lambda a: True),
    ("oerv-entschaedigung", (D, M), lambda a: True),
    ("oerv-kuendigung", (D, M), lambda a: a.dauer in ("ueber20", "unbefristet")),
    ("oerv-genehmigung", (D, M), lambda a: True),
    ("zv-satzung", (Form.ZWECKVERBAND,), lambda a: True),
    ("zv-genehmigung", (Form.ZWECKVERBAND,), lambda a: True),
    ("zv-entstehung", (Form.ZWECKVERBAND,), lambda a: True),
    ("zv-ausserhalb", (Form.ZWECKVERBAND,), lambda a: a.ausserhalb > 0),
    ("gku-satzung", (Form.GKU,), lambda a: True),
    ("priv-anzeige", (Form.PRIVATRECHTLICH,), lambda a: True),
    ("vertrag-schriftform", (Form.OER_VERTRAG,), lambda a: True),
]

# The project database records the Vereinbarung without its kind.
PROJECT_FORM = {D: "oerv", M: "oerv"}


@dataclass
class Supervision:
    authority: str
    rule: Rule
    derivation: list[str]
    notes: list[Rule]


def supervision(a: Answers, rules: RuleBook) -> Supervision | None:
    """The Aufsichtsbehörde for a Zweckverband or gemeinsames Kommunalunternehmen (§ 29 Abs. 1 GkG NRW),
    derived from the register; None without a partner in NRW."""
    if not a.partners:
        return None
    lead = a.partners[0]
    kreis_level = [p for p in a.partners if p.is_kreis_level]
    derivation = [
        f"Sitz angenommen bei der federführenden Körperschaft: {lead.display_name} (AGS {lead.ags}), "
        f"Regierungsbezirk {lead.regierungsbezirk}"
        + (f", {lead.kreis.display_name}" if lead.kreis_id else "")
        + "."
    ]
    if kreis_level or a.ausserhalb:
        parts = []
        if kreis_level:
            parts.append(
                "Kreis oder kreisfreie Stadt laut Register: " + ", ".join(p.display_name for p in kreis_level)
            )
        if a.ausserhalb:
            parts.append(f"Partner außerhalb NRW: {a.ausserhalb}")
        derivation.append("; ".join(parts) + ".")
        authority, rule = f"Bezirksregierung {lead.regierungsbezirk}", rules["aufsicht-bezirksregierung"]
    else:
        derivation.append(
            "Alle Partner sind laut Register kreisangehörige Städte und Gemeinden: "
            + ", ".join(f"{p.display_name} ({p.kreis.display_name})" for p in a.partners)
            + "."
        )
        authority = f"Landrätin oder Landrat des Kreises am Sitz ({lead.kreis.display_name}) als untere staatliche Verwaltungsbehörde"
        rule = rules["aufsicht-landrat"]
    return Supervision(authority, rule, derivation, [rules["aufsicht-sitz"]])


@dataclass
class FormResult:
    form: str
    label: str
    score: int
    excluded: bool
    pros: list[Rule]
    cons: list[Rule]
    requirements: list[Rule]
    projects: list = field(default_factory=list)
    supervision: Supervision | None = None
    supervision_note: Rule | None = None


PROJECTS_PER_FORM = 5


def _projects_by_legal_form(bereich) -> dict[str, tuple]:
    """The first five published projects (by title) of each legal form, in `bereich` or one of its
    child areas: three queries however many forms and projects there are."""
    from ikz.projects.models import Project

    projects = Project.objects.published().filter(
        is_example=False, legal_form__in={PROJECT_FORM.get(form, form) for form in Form.values}
    )
    if bereich is not None:
        areas = [bereich.pk, *bereich.children.values_list("pk", flat=True)]
        projects = projects.filter(task_areas__in=areas)
    picked: dict[str, list[int]] = {}
    for pk, legal_form, _title in (
        projects.distinct().order_by("title").values_list("pk", "legal_form", "title")
    ):
        chosen = picked.setdefault(legal_form, [])
        if len(chosen) < PROJECTS_PER_FORM:
            chosen.append(pk)
    loaded = Project.objects.in_bulk([pk for pks in picked.values() for pk in pks])
    return {legal_form: tuple(loaded[pk] for pk in pks) for legal_form, pks in picked.items()}


def projects_by_legal_form(bereich) -> dict[str, tuple]:
    """`_projects_by_legal_form`, kept per content version and task area (the same for every visitor)."""
    key = f"assistant:projects:{bereich.pk if bereich is not None else ''}"
    return versioned_cache.get_or_build(key, lambda: _projects_by_legal_form(bereich))


def rank_forms(a: Answers, rules: RuleBook, *, with_projects: bool = True) -> list[FormResult]:
    order = list(Form.values)
    results = []
    projects = projects_by_legal_form(a.bereich) if with_projects else {}
    for form in Form:
        reasons = [rules[key] for key, forms, applies in FORM_REASONS if form in forms and applies(a)]
        requirements = [
            rules[key] for key, forms, applies in FORM_REQUIREMENTS if form in forms and applies(a)
        ]
        result = FormResult(
            form=form.value,
            label=str(form.label),
            score=sum(rule.weight for rule in reasons),
            excluded=any(rule.excludes for rule in reasons),
            pros=[r for r in reasons if r.kind == "fuer"],
            cons=[r for r in reasons if r.kind == "gegen"],
            requirements=requirements,
        )
        if form in (Form.ZWECKVERBAND, Form.GKU):
            result.supervision = supervision(a, rules)
        elif form in (D, M):
            result.supervision_note = rules["aufsicht-vereinbarung"]
        if with_projects:
            result.projects = list(projects.get(PROJECT_FORM.get(form.value, form.value), ()))
        results.append(result)
    return sorted(results, key=lambda r: (r.excluded, -r.score, order.index(r.form)))


def legal_form_notes(a: Answers, rules: RuleBook) -> list[Rule]:
    return [rules["rechtsform-unklar"]] if a.zustaendigkeit == "unklar" else []


# --- Funding -----------------------------------------------------------------------------

CENT = Decimal("0.01")


def euro(value: Decimal) -> str:
    """German money format: 210.000 €, 1.234,50 €."""
    value = value.quantize(CENT, rounding=ROUND_HALF_UP)
    whole, _, cents = f"{value:,.2f}".partition(".")
    whole = whole.replace(",", ".")
    return f"{whole} €" if cents == "00" else f"{whole},{cents} €"


@dataclass
class Funding:
    programme: FundingProgramme
    eligible: bool
    regel: Decimal | None
    cap: Decimal | None
    amount: Decimal | None  # None without Ausgaben
    authority: str | None
    reasons: list[str]
    conditions: list[Condition] = field(default_factory=list)
    window: str = ""


def funding_compute(
    *, partners: list, ausserhalb: int, ausgaben: Decimal | None, programme: FundingProgramme
) -> Funding:
    """The grant as the rules read: Regelzuwendung by number of partners, capped at cap_percent of Ausgaben."""
    reasons: list[str] = []
    count = len(partners)
    lead = partners[0] if partners else None
    authority = f"Bezirksregierung {lead.regierungsbezirk}" if lead else None
    if lead:
        reasons.append(
            f"Bewilligungsbehörde ist die Bezirksregierung des federführenden Partners {lead.display_name} "
            f"(Regierungsbezirk {lead.regierungsbezirk} laut Register)."
        )
    regel = None
    if count == 0:
        reasons.append(
            "Es ist keine Kommune aus NRW beteiligt; antragsberechtigt sind nur nordrhein-westfälische Kommunen."
        )
    elif count == 1 and ausserhalb == 0:
        reasons.append("Für eine Förderung braucht es mindestens zwei Beteiligte.")
    elif count == 1:
        regel = programme.cross_border_amount
        reasons.append(
            f"Über die Landesgrenze hinaus mit nur einem nordrhein-westfälischen Beteiligten: {euro(regel)}."
        )
    else:
        further = count - 2
        regel = programme.base_amount + programme.per_further_partner * further
        reasons.append(f"Regelzuwendung für einen Verbund von zwei Kommunen: {euro(programme.base_amount)}.")
        if further:
            reasons.append(
                f"Je weiterem nordrhein-westfälischen Beteiligten {euro(programme.per_further_partner)}: "
                f"{further} × {euro(programme.per_further_partner)} = {euro(programme.per_further_partner * further)}; "
                f"zusammen {euro(regel)}."
            )
        if ausserhalb:
            reasons.append(
                "Partner außerhalb NRW erhöhen die Regelzuwendung nicht: der Zuschlag gilt je weiterem "
                "nordrhein-westfälischen Beteiligten."
            )
    cap = amount = None
    if regel is None:
        amount = Decimal(0) if ausgaben is not None else None
    elif ausgaben is None:
        reasons.append(
            f"Ohne Angabe der zuwendungsfähigen Ausgaben steht nur die Regelzuwendung fest; gezahlt werden höchstens "
            f"{programme.cap_percent.normalize():f} % der Ausgaben."
        )
    else:
        cap = (ausgaben * programme.cap_percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        amount = min(regel, cap)
        reasons.append(
            f"Höchstens {programme.cap_percent.normalize():f} % der zuwendungsfähigen Ausgaben von {euro(ausgaben)}: {euro(cap)}."
        )
        reasons.append(
            f"Zuwendung: {euro(amount)} ("
            + (
                "die Regelzuwendung"
                if amount == regel
                else f"gedeckelt auf {programme.cap_percent.normalize():f} % der Ausgaben"
            )
            + "); der Eigenanteil beträgt mindestens "
            + f"{(100 - programme.cap_percent).normalize():f} %."
        )
    return Funding(programme, regel is not None, regel, cap, amount, authority, reasons)


def funding_window(programme: FundingProgramme, today: datetime.date) -> str:
    start, end = programme.window_start, programme.window_end
    if not (start and end):
        return "Ein Antragsfenster ist nicht bekannt; bitte bei der Bezirksregierung erfragen."
    span = f"{start:%d.%m.%Y} bis {end:%d.%m.%Y}"
    note = f" ({programme.window_note})" if programme.window_note else ""
    if today < start:
        return f"Der nächste bekannte Förderaufruf läuft vom {span}{note}."
    if today <= end:
        return f"Anträge sind derzeit möglich: Förderaufruf vom {span}{note}."
    return (
        f"Der letzte bekannte Förderaufruf lief vom {span}{note}; ob ein neuer Aufruf läuft, "
        "erfragen Sie bitte bei der Bezirksregierung."
    )


def check_foerderung(
    a: Answers, rules: RuleBook, programme: FundingProgramme, today: datetime.date
) -> Funding:
    result = funding_compute(
        partners=a.partners, ausserhalb=a.ausserhalb, ausgaben=a.ausgaben, programme=programme
    )
    duration = rules["foerd-dauer"]
    if a.dauer == "unter5":
        duration_status = NOT_MET
    elif a.dauer in LONG_TERMS:
        duration_status = MET if duration.threshold is None or duration.threshold <= 5 else UNCLEAR
    else:
        duration_status = UNCLEAR
    result.conditions = [
        Condition(rules["foerd-antragsberechtigt"], MET if a.partners else NOT_MET, _partners_said(a)),
        Condition(rules["foerd-neu"], _yes_no(a.neu), a.said("neu")),
        Condition(duration, duration_status, a.said("dauer")),
        Condition(rules["foerd-nutzen"], _yes_no(a.nutzen), a.said("nutzen")),
    ]
    result.window = funding_window(programme, today)
    return result


def _partners_said(a: Answers) -> str:
    return ", ".join(p.display_name for p in a.partners) or "keine Kommune aus NRW"


CHECKS = (Check.VERGABE, Check.UMSATZSTEUER, Check.RECHTSFORM, Check.AUFSICHT, Check.FOERDERUNG)


# --- Leaving or dissolving (/assistent/beenden/) -------------------------------------------

ZV, OERV = "zweckverband", "oerv"
LEAVE_FORMS = (
    Form.ARBEITSGEMEINSCHAFT.value, OERV, ZV, Form.GKU.value, Form.PRIVATRECHTLICH.value, Form.OER_VERTRAG.value
)  # fmt: skip
OBLIGATORY_FORMS = (ZV, OERV)  # a Pflichtverband (§ 13 GkG NRW) or a Pflichtregelung (§ 26 GkG NRW)


@dataclass
class LeaveAnswers:
    rechtsform: str  # one of LEAVE_FORMS
    rolle: str  # "austritt": one partner leaves; "aufloesung": all partners end it
    klausel: str = "unklar"  # does the Satzung / agreement provide for leaving or termination?
    auseinandersetzung: str = "unklar"  # assets, staff or debts to divide?
    pflicht: str = "unklar"  # formed by the Aufsichtsbehörde (Pflichtverband / Pflichtregelung)?
    veraenderung: str = "unklar"  # have the circumstances changed substantially since it was agreed?

    @property
    def leaving(self) -> bool:
        return self.rolle == "austritt"


LeavePredicate = Callable[[LeaveAnswers], bool]


def _always(a: LeaveAnswers) -> bool:
    return True


# (rule key, legal form, when the step applies); the order on the page is the rules' sort_order.
LEAVE_STEPS: list[tuple[str, str, LeavePredicate]] = [
    ("ende-zv-satzung-austritt", ZV, lambda a: a.leaving),
    ("ende-zv-kuendigung", ZV, lambda a: a.leaving and a.klausel == "ja"),
    ("ende-zv-beschluss-austritt", ZV, lambda a: a.leaving and a.klausel != "ja"),
    ("ende-zv-beschluss-aufloesung", ZV, lambda a: not a.leaving),
    ("ende-zv-satzung-abwicklung", ZV, lambda a: not a.leaving),
    ("ende-zv-auseinandersetzung", ZV, lambda a: a.auseinandersetzung != "nein"),
    ("ende-zv-anzeige", ZV, lambda a: a.leaving and a.pflicht != "ja"),
    ("ende-zv-pflicht-genehmigung", ZV, lambda a: a.leaving and a.pflicht != "nein"),
    ("ende-zv-pflicht-austritt", ZV, lambda a: a.leaving and a.pflicht != "nein"),
    ("ende-zv-genehmigung-aufloesung", ZV, lambda a: not a.leaving and a.pflicht != "ja"),
    ("ende-zv-pflicht-aufloesung", ZV, lambda a: not a.leaving and a.pflicht != "nein"),
    ("ende-zv-bekanntmachung", ZV, _always),
    ("ende-zv-abwicklung", ZV, lambda a: not a.leaving),
    ("ende-zv-wegfall", ZV, lambda a: a.leaving),
    ("ende-aufsicht", ZV, _always),
    ("ende-oerv-klausel", OERV, lambda a: a.leaving),
    ("ende-oerv-kuendigung", OERV, lambda a: a.leaving and a.klausel == "ja"),
    ("ende-oerv-ohne-klausel", OERV, lambda a: a.leaving and a.klausel != "ja"),
    ("ende-oerv-aufhebung", OERV, lambda a: not a.leaving),
    ("ende-oerv-anpassung", OERV, lambda a: a.veraenderung == "ja"),
    ("ende-oerv-pflichtregelung", OERV, lambda a: a.leaving and a.pflicht != "nein"),
    ("ende-oerv-auseinandersetzung", OERV, lambda a: a.auseinandersetzung != "nein"),
    ("ende-oerv-anzeige", OERV, _always),
    ("ende-oerv-bekanntmachung", OERV, _always),
    ("ende-oerv-aufgabe", OERV, _always),
    ("ende-gku-satzung", Form.GKU, _always),
    ("ende-gku-verfahren", Form.GKU, _always),
    ("ende-gku-anzeige", Form.GKU, lambda a: not a.leaving),
    ("ende-gku-auseinandersetzung", Form.GKU, lambda a: a.auseinandersetzung != "nein"),
    ("ende-aufsicht", Form.GKU, _always),
    ("ende-ag-vereinbarung", Form.ARBEITSGEMEINSCHAFT, _always),
    ("ende-ag-unklar", Form.ARBEITSGEMEINSCHAFT, _always),
    ("ende-ag-auseinandersetzung", Form.ARBEITSGEMEINSCHAFT, lambda a: a.auseinandersetzung != "nein"),
    ("ende-vertrag-kuendigung", Form.OER_VERTRAG, lambda a: a.leaving and a.klausel == "ja"),
    ("ende-vertrag-ohne-klausel", Form.OER_VERTRAG, lambda a: a.leaving and a.klausel != "ja"),
    ("ende-vertrag-aufhebung", Form.OER_VERTRAG, lambda a: not a.leaving),
    ("ende-vertrag-anpassung", Form.OER_VERTRAG, lambda a: a.veraenderung == "ja"),
    ("ende-vertrag-auseinandersetzung", Form.OER_VERTRAG, lambda a: a.auseinandersetzung != "nein"),
    ("ende-vertrag-gemeinwohl", Form.OER_VERTRAG, _always),
    ("ende-priv-unklar", Form.PRIVATRECHTLICH, _always),
    ("ende-priv-anzeige", Form.PRIVATRECHTLICH, _always),
]


@dataclass
class LeavePlan:
    steps: list[Rule]  # in order: what to do
    notes: list[Rule]  # what to know (rules of kind "hinweis")


def leave_contradictions(a: LeaveAnswers) -> list[str]:
    if a.pflicht == "ja" and a.rechtsform not in OBLIGATORY_FORMS:
        return [
            "Sie haben angegeben, die Zusammenarbeit sei von der Aufsichtsbehörde angeordnet worden. Das gibt es nur "
            "beim Zweckverband (Pflichtverband, § 13 GkG NRW) und bei der öffentlich-rechtlichen Vereinbarung "
            "(Pflichtregelung, § 26 GkG NRW) – bitte die Rechtsform oder diese Angabe korrigieren."
        ]
    return []


def leave_plan(a: LeaveAnswers, rules: RuleBook) -> LeavePlan:
    """The steps for leaving or ending a cooperation of legal form `a.rechtsform`, ordered by the rules' sort_order."""
    chosen = [rules[key] for key, form, applies in LEAVE_STEPS if form == a.rechtsform and applies(a)]
    chosen.sort(key=lambda rule: (rule.sort_order, rule.key))
    return LeavePlan(
        steps=[rule for rule in chosen if rule.kind != "hinweis"],
        notes=[rule for rule in chosen if rule.kind == "hinweis"],
    )
