"""Forms of the drafts. They work without JavaScript; errors are German."""

from django import forms

from ikz.core.validators import single_line
from ikz.core.widgets import PlainTextarea

from .drafting import DRAFT_FIELDS
from .models import DraftKind


class DraftCreateForm(forms.Form):
    kind = forms.ChoiceField(
        label="Art des Entwurfs", choices=DraftKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Bitte wählen Sie, welche Art von Entwurf entstehen soll.",
                        "invalid_choice": "Bitte wählen Sie eine der angebotenen Arten."},
    )  # fmt: skip


class DraftForm(forms.Form):
    """The draft's own data. The base_* fields hold what the page showed, for the three-way merge."""

    kind = forms.ChoiceField(label="Art des Entwurfs", choices=DraftKind.choices)
    name = forms.CharField(
        label="Name", required=False, max_length=200, validators=[single_line],
        help_text="Bei einer Verbandssatzung der Name des Zweckverbandes, z. B. „Zweckverband Bauhof Bergisches Land“.",
    )  # fmt: skip
    seat = forms.CharField(
        label="Sitz", required=False, max_length=200, validators=[single_line],
        help_text="Bei einer Verbandssatzung der Sitz des Verbandes, z. B. eine Gemeinde der Beteiligten.",
    )  # fmt: skip
    lead_ags = forms.ChoiceField(
        label="Übernehmender oder federführender Beteiligter", required=False,
        help_text="Bei einer öffentlich-rechtlichen Vereinbarung: wer die Aufgabe übernimmt oder durchführt.",
    )  # fmt: skip
    cost_sharing = forms.CharField(
        label="Kostenverteilung (Maßstab oder Entschädigung)", required=False, max_length=4000,
        widget=PlainTextarea(attrs={"rows": 3}),
        help_text="Zum Beispiel „nach dem Verhältnis der Einwohnerzahlen am 31.12. des Vorjahres“.",
    )  # fmt: skip
    public_notice = forms.CharField(
        label="Form der öffentlichen Bekanntmachung", required=False, max_length=2000,
        widget=PlainTextarea(attrs={"rows": 2}),
        help_text="Zum Beispiel „im Amtsblatt des Kreises“ oder die Bekanntmachungsform der Beteiligten.",
    )  # fmt: skip
    term_years = forms.IntegerField(
        label="Befristung in Jahren", required=False, min_value=1, max_value=99,
        help_text="Leer lassen, wenn unbefristet. Unbefristet oder mehr als 20 Jahre: die Kündigung muss geregelt sein (§ 23 Abs. 5 GkG NRW).",
        error_messages={"invalid": "Bitte eine ganze Zahl von Jahren angeben.",
                        "min_value": "Bitte mindestens 1 Jahr angeben.",
                        "max_value": "Bitte höchstens 99 Jahre angeben."},
    )  # fmt: skip
    termination = forms.CharField(
        label="Kündigung: Voraussetzungen und Form", required=False, max_length=4000,
        widget=PlainTextarea(attrs={"rows": 3}),
        help_text="Zum Beispiel „Jeder Beteiligte kann mit einer Frist von zwölf Monaten zum Ende eines Kalenderjahres schriftlich kündigen.“",
    )  # fmt: skip
    start = forms.CharField(
        label="Beginn", required=False, max_length=200, validators=[single_line],
        help_text="Zum Beispiel „1. Januar 2028“.",
    )  # fmt: skip
    extra = forms.CharField(
        label="Weitere Bestimmungen", required=False, max_length=8000, widget=PlainTextarea(attrs={"rows": 4})
    )
    base_kind = forms.CharField(widget=forms.HiddenInput, required=False)
    base_name = forms.CharField(widget=forms.HiddenInput, required=False)
    base_seat = forms.CharField(widget=forms.HiddenInput, required=False)
    base_lead_ags = forms.CharField(widget=forms.HiddenInput, required=False)
    base_cost_sharing = forms.CharField(widget=forms.HiddenInput, required=False)
    base_public_notice = forms.CharField(widget=forms.HiddenInput, required=False)
    base_term_years = forms.CharField(widget=forms.HiddenInput, required=False)
    base_termination = forms.CharField(widget=forms.HiddenInput, required=False)
    base_start = forms.CharField(widget=forms.HiddenInput, required=False)
    base_extra = forms.CharField(widget=forms.HiddenInput, required=False)

    FIELDS = DRAFT_FIELDS

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_ags"].choices = [
            ("", "– noch offen –"),
            *((m.ags, m.display_name) for m in partners),
        ]
        self.fields["lead_ags"].error_messages["invalid_choice"] = (
            "Bitte wählen Sie eine der Partner-Körperschaften der Werkstatt."
        )

    def mine(self) -> dict:
        data = self.cleaned_data
        values = {name: _newlines(data[name] or "") if name != "term_years" else "" for name in self.FIELDS}
        values["term_years"] = "" if data["term_years"] is None else str(data["term_years"])
        return values

    def base(self) -> dict:
        return {name: _newlines(self.cleaned_data.get(f"base_{name}") or "") for name in self.FIELDS}

    def base_hidden(self):
        return [self[f"base_{name}"] for name in self.FIELDS]


def _newlines(value: str) -> str:
    return value.replace("\r\n", "\n")
