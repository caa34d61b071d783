"""Forms of the Werkstatt. All work without JavaScript; errors are German."""

from django import forms
from django.http import QueryDict

from ikz.core.taxonomy import TaskArea
from ikz.core.validators import single_line
from ikz.core.widgets import PlainTextarea
from ikz.projects.forms import municipality_label, municipality_resolve, task_area_choices

from .models import NoteKind, Role

MAX_PARTNERS = 20
MAX_QUERY = 2000


def assistant_query_clean(raw: str) -> str:
    """Only the assistant's own answers, re-encoded: what the result link will carry."""
    from ikz.assistant.forms import AssistantForm

    known = set(AssistantForm.base_fields) | {"partner", "ags"}
    query = QueryDict(raw[:MAX_QUERY] if raw else "", mutable=True)
    kept = QueryDict(mutable=True)
    for name in sorted(query):
        if name in known:
            kept.setlist(name, [v.replace("\x00", "")[:200] for v in query.getlist(name)][:30])
    return kept.urlencode()[:MAX_QUERY]


class PartnersField(forms.CharField):
    """Partner Körperschaften, one per line (name or AGS), resolved against the register."""

    widget = PlainTextarea(attrs={"rows": 3})

    def clean(self, value):
        value = super().clean(value) or ""
        lines = [line.strip() for line in value.splitlines() if line.strip()]
        if len(lines) > MAX_PARTNERS:
            raise forms.ValidationError(f"Bitte höchstens {MAX_PARTNERS} Partner angeben.")
        found, errors = [], []
        for line in lines:
            municipality, candidates = municipality_resolve(line)
            if municipality is None:
                if candidates:
                    names = "; ".join(municipality_label(m) for m in candidates[:8])
                    errors.append(f"„{line}“ ist nicht eindeutig. Meinten Sie: {names}?")
                else:
                    errors.append(f"„{line}“ wurde im Register nicht gefunden. Bitte Namen oder AGS prüfen.")
            elif municipality not in found:
                found.append(municipality)
        if errors:
            raise forms.ValidationError(errors)
        return found

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(municipality_label(m) if hasattr(m, "ags") else str(m) for m in value)
        return value


class WorkshopForm(forms.Form):
    title = forms.CharField(
        label="Titel der Werkstatt", max_length=200, validators=[single_line],
        help_text="Zum Beispiel „Gemeinsamer Bauhof Hückeswagen und Lindlar“.",
        error_messages={"required": "Bitte geben Sie der Werkstatt einen Titel."},
    )  # fmt: skip
    task_area = forms.ChoiceField(label="Aufgabenbereich", required=False)
    task = forms.CharField(
        label="Aufgabe", required=False, max_length=4000, widget=PlainTextarea(attrs={"rows": 3}),
        help_text="Was wollen Sie gemeinsam erledigen?",
    )  # fmt: skip
    partners = PartnersField(
        label="Partner-Körperschaften", required=False, max_length=4000,
        help_text="Eine Körperschaft je Zeile, mit Namen oder Amtlichem Gemeindeschlüssel (z. B. „05374020“).",
    )  # fmt: skip
    assistant_query = forms.CharField(widget=forms.HiddenInput, required=False)  # cut to size in clean

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_area"].choices = [("", "– noch offen –"), *task_area_choices()]
        self.fields["partners"].widget.attrs["list"] = "koerperschaften"

    def clean_task_area(self):
        slug = self.cleaned_data["task_area"]
        return TaskArea.objects.filter(slug=slug).first() if slug else None

    def clean_assistant_query(self):
        return assistant_query_clean(self.cleaned_data["assistant_query"])


class WorkshopEditForm(WorkshopForm):
    """The Werkstatt's data, edited by its members; base_* hold what the page showed (decision 0011)."""

    assistant_query = None
    base_title = forms.CharField(widget=forms.HiddenInput, required=False)
    base_task_area = forms.CharField(widget=forms.HiddenInput, required=False)
    base_task = forms.CharField(widget=forms.HiddenInput, required=False)
    base_partners = forms.CharField(widget=forms.HiddenInput, required=False)

    FIELDS = ("title", "task_area", "task", "partners")

    def mine(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "task_area": data["task_area"].slug if data["task_area"] else "",
            "task": data["task"],
            "partners": tuple(sorted(m.ags for m in data["partners"])),
        }

    def base(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data.get("base_title") or "",
            "task_area": data.get("base_task_area") or "",
            "task": _newlines(data.get("base_task") or ""),
            "partners": tuple(sorted(p for p in (data.get("base_partners") or "").split(",") if p)),
        }

    @staticmethod
    def initial_for(values: dict, partners) -> dict:
        base = {f"base_{name}": value for name, value in values.items()}
        base["base_partners"] = ",".join(values["partners"])
        return {**values, "partners": list(partners), **base}


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="E-Mail-Adresse", max_length=254,
        error_messages={
            "required": "Bitte geben Sie die E-Mail-Adresse der Person an, die Sie einladen möchten.",
            "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de.",
        },
    )  # fmt: skip
    role = forms.ChoiceField(label="Rolle in der Werkstatt", choices=Role.choices, initial=Role.CONTRIBUTOR)


class NoteForm(forms.Form):
    """A note or decision. The base_* fields hold what the page showed, for the three-way merge."""

    kind = forms.ChoiceField(label="Art", choices=NoteKind.choices, initial=NoteKind.NOTE)
    title = forms.CharField(
        label="Überschrift", max_length=200, validators=[single_line],
        error_messages={"required": "Bitte geben Sie eine Überschrift an."},
    )  # fmt: skip
    text = forms.CharField(
        label="Text", required=False, max_length=20000, widget=PlainTextarea(attrs={"rows": 8})
    )
    base_kind = forms.CharField(widget=forms.HiddenInput, required=False)
    base_title = forms.CharField(widget=forms.HiddenInput, required=False)
    base_text = forms.CharField(widget=forms.HiddenInput, required=False)

    FIELDS = ("kind", "title", "text")

    def mine(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIELDS}

    def base(self) -> dict:
        return {name: _newlines(self.cleaned_data.get(f"base_{name}") or "") for name in self.FIELDS}


def _newlines(value: str) -> str:
    return value.replace("\r\n", "\n")


class ResultTargetForm(forms.Form):
    """Which of the person's Werkstätten an assistant result goes into."""

    workshop = forms.ChoiceField(label="Werkstatt")
    assistant_query = forms.CharField(widget=forms.HiddenInput, required=False)  # cut to size in clean

    def __init__(self, *args, workshops=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].choices = [(str(w.key), w.title) for w in workshops]
        self.fields["workshop"].error_messages["invalid_choice"] = (
            "Bitte wählen Sie eine Ihrer offenen Werkstätten."
        )

    def clean_assistant_query(self):
        return assistant_query_clean(self.cleaned_data["assistant_query"])
