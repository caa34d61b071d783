"""Forms of „Kommunen fragen Kommunen“. All work without JavaScript; errors are German."""

from django import forms

from ikz.core.taxonomy import TaskArea
from ikz.core.validators import single_line
from ikz.core.widgets import PlainTextarea
from ikz.projects.forms import task_area_choices

from .models import ANSWER_MAX, BODY_MAX, REPORT_MAX, TITLE_MAX


def _too_long(limit: int, what: str) -> str:
    return f"{what} ist zu lang: Bitte höchstens {limit} Zeichen (Sie haben %(show_value)d)."


def _newlines(value: str) -> str:
    return value.replace("\r\n", "\n")


class QuestionForm(forms.Form):
    title = forms.CharField(
        label="Ihre Frage", max_length=TITLE_MAX, validators=[single_line],
        help_text="In einem Satz, zum Beispiel „Wer hat Erfahrung mit einem gemeinsamen Standesamt?“",
        error_messages={
            "required": "Bitte schreiben Sie Ihre Frage in das Feld „Ihre Frage“.",
            "max_length": _too_long(TITLE_MAX, "Die Frage"),
        },
    )  # fmt: skip
    body = forms.CharField(
        label="Erläuterung", required=False, max_length=BODY_MAX, widget=PlainTextarea(attrs={"rows": 6}),
        help_text="Was wissen Sie schon, was brauchen Sie? Bitte keine personenbezogenen Daten Dritter.",
        error_messages={"max_length": _too_long(BODY_MAX, "Die Erläuterung")},
    )  # fmt: skip
    task_area = forms.ChoiceField(
        label="Aufgabenbereich", help_text="Danach finden andere Ihre Frage in der Liste.",
        error_messages={"required": "Bitte wählen Sie den Aufgabenbereich, um den es geht."},
    )  # fmt: skip
    is_public = forms.BooleanField(
        label="Öffentlich sichtbar machen", required=False,
        help_text="Ohne Häkchen sehen die Frage und die Antworten nur Mitglieder einer Körperschaft. "
        "Öffentliche Fragen erscheinen auch in der Suche des Portals.",
    )  # fmt: skip

    FIELDS = ("title", "body", "task_area", "is_public")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_area"].choices = [("", "– bitte wählen –"), *task_area_choices()]
        self.fields["task_area"].error_messages["invalid_choice"] = (
            "Bitte wählen Sie einen Aufgabenbereich aus der Liste."
        )

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError("Bitte schreiben Sie Ihre Frage in das Feld „Ihre Frage“.")
        return title

    def clean_task_area(self):
        slug = self.cleaned_data["task_area"]
        return TaskArea.objects.filter(slug=slug).first() if slug else None

    def values(self) -> dict:
        """The shape services.question_values() has, for the three-way merge."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "body": data["body"],
            "task_area": data["task_area"].slug if data["task_area"] else "",
            "is_public": bool(data["is_public"]),
        }


class QuestionEditForm(QuestionForm):
    """The asker's edit; base_* hold what the page showed (decision 0011)."""

    base_title = forms.CharField(widget=forms.HiddenInput, required=False)
    base_body = forms.CharField(widget=forms.HiddenInput, required=False)
    base_task_area = forms.CharField(widget=forms.HiddenInput, required=False)
    base_is_public = forms.CharField(widget=forms.HiddenInput, required=False)

    def base(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data.get("base_title") or "",
            "body": _newlines(data.get("base_body") or ""),
            "task_area": data.get("base_task_area") or "",
            "is_public": (data.get("base_is_public") or "") == "1",
        }

    @staticmethod
    def initial_for(values: dict) -> dict:
        base = {f"base_{name}": value for name, value in values.items()}
        base["base_is_public"] = "1" if values["is_public"] else "0"
        return {**values, **base}


class AnswerForm(forms.Form):
    body = forms.CharField(
        label="Ihre Antwort", max_length=ANSWER_MAX, widget=PlainTextarea(attrs={"rows": 6}),
        help_text="Ihre Antwort erscheint mit Ihrem Namen und Ihrer Körperschaft.",
        error_messages={
            "required": "Bitte schreiben Sie Ihre Antwort in das Feld „Ihre Antwort“.",
            "max_length": _too_long(ANSWER_MAX, "Die Antwort"),
        },
    )  # fmt: skip
    base_body = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("Bitte schreiben Sie Ihre Antwort in das Feld „Ihre Antwort“.")
        return body

    def values(self) -> dict:
        return {"body": self.cleaned_data["body"]}

    def base(self) -> dict:
        return {"body": _newlines(self.cleaned_data.get("base_body") or "")}


class ReportForm(forms.Form):
    reason = forms.CharField(
        label="Was ist an diesem Beitrag nicht in Ordnung?", max_length=REPORT_MAX,
        widget=PlainTextarea(attrs={"rows": 4}),
        error_messages={
            "required": "Bitte sagen Sie der Redaktion kurz, warum Sie den Beitrag melden.",
            "max_length": _too_long(REPORT_MAX, "Der Grund"),
        },
    )  # fmt: skip


class QuestionFilterForm(forms.Form):
    bereich = forms.ChoiceField(label="Aufgabenbereich", required=False)
    q = forms.CharField(label="Stichwort", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bereich"].choices = [("", "alle Aufgabenbereiche"), *task_area_choices()]
