"""Forms of the plan, the checklist runs and the e-mail choice. All work without JavaScript."""

from django import forms

from ikz.core.validators import single_line
from ikz.core.widgets import PlainTextarea

from .models_plan import MilestoneStatus, NotifyMode


def legal_form_choices():
    from ikz.assistant.models import Form

    return [("", "– bitte wählen –"), *Form.choices]


class PlanForm(forms.Form):
    legal_form = forms.ChoiceField(
        label="Rechtsform der Zusammenarbeit",
        help_text="Die Meilensteine folgen aus den Anforderungen, die der Kooperationsassistent für diese Form nennt.",
        error_messages={"required": "Bitte wählen Sie eine Rechtsform.",
                        "invalid_choice": "Bitte wählen Sie eine der genannten Rechtsformen."},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_form"].choices = legal_form_choices()


class MilestoneForm(forms.Form):
    """A milestone; base_* hold what the page showed, for the three-way merge (decision 0011)."""

    title = forms.CharField(
        label="Meilenstein", max_length=300, validators=[single_line],
        error_messages={"required": "Bitte benennen Sie den Meilenstein."},
    )  # fmt: skip
    description = forms.CharField(
        label="Erläuterung", required=False, max_length=4000, widget=PlainTextarea(attrs={"rows": 3})
    )
    due_date = forms.DateField(
        label="Termin", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Bitte geben Sie ein Datum an, z. B. 2027-03-31."},
    )  # fmt: skip
    owner = forms.ChoiceField(label="Verantwortlich", required=False)
    status = forms.ChoiceField(label="Stand", choices=MilestoneStatus.choices, initial=MilestoneStatus.OPEN)
    base_title = forms.CharField(widget=forms.HiddenInput, required=False)
    base_description = forms.CharField(widget=forms.HiddenInput, required=False)
    base_due_date = forms.CharField(widget=forms.HiddenInput, required=False)
    base_owner = forms.CharField(widget=forms.HiddenInput, required=False)
    base_status = forms.CharField(widget=forms.HiddenInput, required=False)

    FIELDS = ("title", "description", "due_date", "owner", "status")

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "– niemand –")] + [
            (str(m.user_id), m.user.get_full_name() or m.user.email) for m in members
        ]
        self.fields["owner"].error_messages["invalid_choice"] = (
            "Verantwortlich kann nur ein Mitglied der Werkstatt sein."
        )

    def mine(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"].replace("\r\n", "\n"),
            "due_date": data["due_date"].isoformat() if data["due_date"] else "",
            "owner": data["owner"] or "",
            "status": data["status"],
        }

    def base(self) -> dict:
        return {
            name: (self.cleaned_data.get(f"base_{name}") or "").replace("\r\n", "\n") for name in self.FIELDS
        }

    @staticmethod
    def initial_for(values: dict) -> dict:
        return {**values, **{f"base_{name}": value for name, value in values.items()}}


class ChecklistStartForm(forms.Form):
    checklist = forms.ChoiceField(
        label="Checkliste aus der Wissensdatenbank",
        error_messages={"required": "Bitte wählen Sie eine Checkliste.",
                        "invalid_choice": "Bitte wählen Sie eine der veröffentlichten Checklisten."},
    )  # fmt: skip
    title = forms.CharField(
        label="Bezeichnung (optional)", required=False, max_length=200, validators=[single_line],
        help_text="Ohne Angabe gilt der Titel der Checkliste.",
    )  # fmt: skip

    def __init__(self, *args, checklists=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.checklists = {str(c.pk): c for c in checklists}
        self.fields["checklist"].choices = [("", "– bitte wählen –")] + [
            (str(c.pk), c.title) for c in checklists
        ]

    def clean_checklist(self):
        return self.checklists[self.cleaned_data["checklist"]]


class NotificationForm(forms.Form):
    mode = forms.ChoiceField(
        label="E-Mails zu dieser Werkstatt",
        choices=NotifyMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Bitte wählen Sie, wie Sie benachrichtigt werden möchten."},
    )
