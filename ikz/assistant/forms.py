"""The assistant's questions: one GET form, so the answers live in the URL.

Partners are typed (AGS or name; a native <datalist> offers the names without JavaScript) and
resolved against the register; the first is the lead partner.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ikz.core import versioned_cache
from ikz.core.taxonomy import TaskArea
from ikz.municipalities.models import Municipality

PARTNER_SLOTS = 5
MAX_PARTNERS = 50
UNKLAR = "unklar"
JA_NEIN = [("ja", _("Ja")), ("nein", _("Nein")), (UNKLAR, _("Weiß nicht / noch offen"))]

ZUSTAENDIGKEIT = [
    ("abstimmung", _("Nichts davon – wir wollen uns nur abstimmen und Erfahrungen austauschen")),
    (
        "durchfuehrung",
        _("Nur die Arbeit: ein Partner erledigt sie für die anderen, die Verantwortung bleibt"),
    ),
    ("uebertragen", _("Die Verantwortung für die Aufgabe soll auf einen der Partner übergehen")),
    ("neuer_traeger", _("Die Aufgabe soll auf eine neue gemeinsame Stelle übergehen")),
    (UNKLAR, _("Weiß nicht / noch offen")),
]
RESSOURCEN = [
    ("personal", _("eigenes Personal")),
    ("vermoegen", _("eigenes Vermögen (z. B. Gebäude, Fahrzeuge)")),
    ("haushalt", _("einen eigenen Haushalt")),
    ("gebuehren", _("das Recht, Gebühren zu erheben")),
]
DAUER = [
    ("unter5", _("weniger als 5 Jahre")),
    ("5bis20", _("5 bis 20 Jahre")),
    ("ueber20", _("länger als 20 Jahre")),
    ("unbefristet", _("unbefristet")),
    (UNKLAR, _("Weiß nicht / noch offen")),
]
GELD = [
    ("keins", _("Es fließt kein Geld")),
    ("kostenerstattung", _("Ja, nur als Erstattung der Kosten")),
    ("preis", _("Ja, als Preis (mehr als die Kosten möglich)")),
    (UNKLAR, _("Weiß nicht / noch offen")),
]
GRUNDLAGE = [
    ("oeffentlich", _("öffentlich-rechtlich (Vereinbarung, Zweckverband, Anstalt)")),
    ("privat", _("privatrechtlich (privater Vertrag, GmbH, Verein)")),
    (UNKLAR, _("Weiß nicht / noch offen")),
]
NUTZEN = [
    ("ja", _("Ja, mindestens 15 % Einsparung oder ein deutlich besseres Angebot")),
    ("nein", _("Nein")),
    (UNKLAR, _("Weiß nicht / noch offen")),
]

PARTNER_KEY_RE = re.compile(r"\b(05\d{3}(?:\d{3})?)\b")


def _task_area_choices() -> tuple:
    choices: list = [("", _("– bitte wählen –"))]
    areas = list(TaskArea.objects.select_related("parent"))
    for top in (a for a in areas if a.parent_id is None):
        children = [(c.slug, c.name) for c in areas if c.parent_id == top.pk]
        choices.append((top.name, [(top.slug, f"{top.name} (allgemein)"), *children]))
    return tuple(choices)


def task_area_choices() -> list:
    """The task areas, grouped by their parent: read once per content version."""
    return list(versioned_cache.get_or_build("assistant:task_area_choices", _task_area_choices))


def _radio(label, choices, help_text=""):
    return forms.ChoiceField(
        label=label, choices=choices, required=False, widget=forms.RadioSelect, help_text=help_text
    )


class AssistantForm(forms.Form):
    bereich = forms.ChoiceField(label=_("Aufgabenbereich"), required=False)
    aufgabe = forms.CharField(
        label=_("Die Aufgabe in eigenen Worten"), required=False, max_length=300,
        help_text=_("z. B. „gemeinsamer Bauhof“ oder „Lohnabrechnung für alle drei Gemeinden“"),
    )  # fmt: skip
    ausserhalb_nrw = forms.IntegerField(
        label=_("Partner außerhalb NRW (Anzahl)"), required=False, min_value=0, max_value=50,
        help_text=_("Kommunen oder Kreise anderer Länder, der Niederlande oder Belgiens"),
    )  # fmt: skip
    privat = _radio(
        _("Soll sich ein privates Unternehmen beteiligen (als Partner oder Gesellschafter)?"), JA_NEIN
    )
    zustaendigkeit = _radio(_("Was soll sich an der Verantwortung für die Aufgabe ändern?"), ZUSTAENDIGKEIT)
    ressourcen = forms.MultipleChoiceField(
        label=_("Braucht die Zusammenarbeit …"), choices=RESSOURCEN, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    dauer = _radio(_("Für wie lange ist die Zusammenarbeit geplant?"), DAUER)
    geld = _radio(_("Fließt Geld zwischen den Partnern – und auf welcher Grundlage?"), GELD)
    grundlage = _radio(_("Auf welcher Grundlage soll die Zusammenarbeit stehen?"), GRUNDLAGE)
    gemeinsame_aufgabe = _radio(
        _(
            "Ist die Aufgabe eine öffentliche Aufgabe, die allen Partnern obliegt, und verfolgen sie damit gemeinsame Ziele?"
        ),
        JA_NEIN,
    )
    markt = _radio(_("Bietet einer der Partner diese Leistung auch auf dem Markt an (für Dritte)?"), JA_NEIN)
    marktanteil = forms.DecimalField(
        label=_("Wenn ja: Anteil dieser Tätigkeit, der auf dem Markt erbracht wird (in %)"), required=False,
        min_value=Decimal(0), max_value=Decimal(100), decimal_places=2,
        help_text=_("gemessen am Umsatz der letzten drei Jahre oder an den Kosten"),
    )  # fmt: skip
    kontrolle = _radio(
        _(
            "Wenn eine neue Stelle die Aufgabe übernimmt: Bestimmen alle Partner gemeinsam über sie (Vertreter aller in den Gremien)?"
        ),
        JA_NEIN,
    )
    vorbehalten = _radio(
        _("Dürfen nach einem Gesetz nur öffentliche Stellen diese Leistung erbringen?"), JA_NEIN
    )
    umsatz = forms.DecimalField(
        label=_("Erwarteter Jahresumsatz des leistenden Partners aus gleichartigen Tätigkeiten (Euro)"),
        required=False, min_value=Decimal(0), max_digits=14, decimal_places=2,
    )  # fmt: skip
    neu = _radio(_("Ist das Vorhaben neu (oder erweitert es eine bestehende Zusammenarbeit)?"), JA_NEIN)
    nutzen = _radio(
        _("Spart die Zusammenarbeit mindestens 15 % oder verbessert sie das Angebot deutlich?"), NUTZEN
    )
    ausgaben = forms.DecimalField(
        label=_("Zuwendungsfähige Ausgaben des Vorhabens (Euro)"), required=False,
        min_value=Decimal(0), max_digits=14, decimal_places=2,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bereich"].choices = task_area_choices()


@dataclass
class Partners:
    found: list = field(default_factory=list)  # Municipality rows, the lead first
    errors: list[str] = field(default_factory=list)
    typed: list[str] = field(default_factory=list)  # what the user typed, for re-filling the form


def partner_label(municipality: Municipality) -> str:
    """What the datalist offers and what a chosen partner reads back as: "Stadt Düren (05358008)"."""
    return f"{municipality.display_name} ({municipality.ags})"


def partners_resolve(values: list[str]) -> Partners:
    """Resolve typed partners (AGS, "Name (AGS)" or a name) against the register."""
    result = Partners(typed=[v.strip()[:200] for v in values if v.strip()])
    if len(result.typed) > MAX_PARTNERS:
        result.errors.append(f"Bitte höchstens {MAX_PARTNERS} Partner aus NRW angeben.")
        return result
    # Every partner given by its key, with its Kreis, in one query (a Kreis-level partner has no
    # Kreis; the boundaries are not needed here).
    keys = {key.group(1) for value in result.typed if (key := PARTNER_KEY_RE.search(value))}
    by_key = (
        {
            m.ags: m
            for m in Municipality.objects.select_related("kreis")
            .defer("boundary", "map_bbox", "kreis__boundary", "kreis__map_bbox")
            .filter(ags__in=keys)
        }
        if keys
        else {}
    )
    seen: set[str] = set()
    for value in result.typed:
        if "\x00" in value:
            result.errors.append("Ein Partner enthält ungültige Zeichen.")
            continue
        key = PARTNER_KEY_RE.search(value)
        if key:
            found = by_key.get(key.group(1))
            if found is None:
                result.errors.append(
                    f"„{value}“: Diesen Gemeindeschlüssel gibt es im Register der NRW-Kommunen nicht."
                )
                continue
        elif value.isdigit():
            result.errors.append(
                f"„{value}“: Das ist kein Schlüssel einer NRW-Kommune (8 Ziffern für Gemeinden, 5 für Kreise, "
                "beginnend mit 05). Partner außerhalb NRW geben Sie bitte als Anzahl an."
            )
            continue
        else:
            name = re.sub(r"^(Stadt|Gemeinde|Kreis)\s+", "", value, flags=re.IGNORECASE)
            matches = list(
                Municipality.objects.filter(
                    Q(short_name__iexact=name) | Q(name__iexact=value) | Q(short_name__iexact=value)
                )
            )
            if value.lower().startswith("kreis "):
                matches = [m for m in matches if m.level == "kreis"] or matches
            elif value.lower().startswith(("stadt ", "gemeinde ")):
                matches = [m for m in matches if m.level == "gemeinde"] or matches
            if not matches:
                result.errors.append(
                    f"„{value}“: Keine Kommune in NRW mit diesem Namen gefunden. Bitte den Namen aus der Liste "
                    "wählen oder den Gemeindeschlüssel (AGS) eingeben; Partner außerhalb NRW bitte als Anzahl angeben."
                )
                continue
            if len(matches) > 1:
                options = ", ".join(partner_label(m) for m in matches)
                result.errors.append(f"„{value}“ ist nicht eindeutig: {options}. Bitte eine davon wählen.")
                continue
            found = matches[0]
        if found.ags in seen:
            result.errors.append(f"{found.display_name} ist doppelt angegeben.")
            continue
        seen.add(found.ags)
        result.found.append(found)
    return result


# --- Leaving or dissolving -----------------------------------------------------------------

RECHTSFORM_BESTEHEND = [
    ("zweckverband", _("Zweckverband")),
    ("oerv", _("Öffentlich-rechtliche Vereinbarung (delegierend oder mandatierend)")),
    ("gku", _("Gemeinsames Kommunalunternehmen (Anstalt des öffentlichen Rechts)")),
    ("arbeitsgemeinschaft", _("Arbeitsgemeinschaft")),
    ("oer_vertrag", _("Öffentlich-rechtlicher Vertrag")),
    ("privatrechtlich", _("Privatrechtliche Form (z. B. GmbH, Verein)")),
]
ROLLE = [
    ("austritt", _("Wir wollen als einzelner Partner ausscheiden oder kündigen – die anderen machen weiter")),
    ("aufloesung", _("Alle Partner wollen die Zusammenarbeit gemeinsam beenden")),
]


class LeaveForm(forms.Form):
    """/assistent/beenden/: what leaving or ending an existing cooperation requires."""

    rechtsform = forms.ChoiceField(
        label=_("In welcher Rechtsform arbeiten Sie heute zusammen?"), choices=RECHTSFORM_BESTEHEND,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte die Rechtsform der bestehenden Zusammenarbeit wählen.")},
    )  # fmt: skip
    rolle = forms.ChoiceField(
        label=_("Wer will beenden?"), choices=ROLLE, widget=forms.RadioSelect,
        error_messages={"required": _("Bitte angeben, ob ein Partner ausscheiden oder alle beenden wollen.")},
    )  # fmt: skip
    klausel = _radio(
        _(
            "Sehen die Satzung, die Vereinbarung oder der Vertrag ein Recht zum Austritt oder zur Kündigung vor?"
        ),
        JA_NEIN,
    )
    auseinandersetzung = _radio(
        _("Gibt es gemeinsames Vermögen, Personal oder Schulden, die aufzuteilen sind?"), JA_NEIN
    )
    pflicht = _radio(
        _("Hat die Aufsichtsbehörde die Zusammenarbeit angeordnet (Pflichtverband oder Pflichtregelung)?"),
        JA_NEIN,
    )
    veraenderung = _radio(
        _("Haben sich die Verhältnisse seit dem Abschluss wesentlich geändert?"),
        JA_NEIN,
        help_text=_("z. B. die Aufgabe ist weggefallen oder die Kosten haben sich grundlegend verschoben"),
    )
