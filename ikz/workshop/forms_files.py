"""Forms for documents and for publishing the Werkstatt as a project. Errors are German."""

from django import forms

from ikz.core.taxonomy import LegalForm, TaskArea
from ikz.core.validators import single_line
from ikz.core.widgets import PlainTextarea
from ikz.projects.forms import task_area_choices

from .files import allowed_extensions, upload_check


def _accept() -> str:
    return ",".join(f".{e}" for e in allowed_extensions())


class _UploadBase(forms.Form):
    file = forms.FileField(
        label="Datei",
        error_messages={
            "required": "Bitte wählen Sie eine Datei aus.",
            "empty": "Die Datei ist leer.",
            "invalid": "Das ist keine Datei. Bitte wählen Sie eine Datei aus.",
        },
    )
    comment = forms.CharField(
        label="Was ist neu? (optional)", required=False, max_length=300, validators=[single_line]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = _accept()
        self.fields["file"].help_text = (
            "Erlaubt: " + ", ".join(e.upper() for e in allowed_extensions())
            + ". Der Inhalt wird geprüft; Dateien mit Makros oder Skripten werden nicht angenommen."
        )  # fmt: skip

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.kind = upload_check(upload)
        return upload


class DocumentForm(_UploadBase):
    title = forms.CharField(
        label="Bezeichnung", required=False, max_length=200, validators=[single_line],
        help_text="Leer: der Dateiname.",
    )  # fmt: skip
    field_order = ["title", "file", "comment"]


class VersionForm(_UploadBase):
    """A new version of an existing document."""


class PublishForm(forms.Form):
    """What the project entry needs beyond the Werkstatt's data; prefilled from the Werkstatt."""

    title = forms.CharField(label="Titel des Projekts", max_length=200, validators=[single_line])
    summary = forms.CharField(
        label="Kurzbeschreibung", max_length=1200, widget=PlainTextarea(attrs={"rows": 5}),
        help_text="Erscheint nach der Freigabe öffentlich in der Projektdatenbank (höchstens 1200 Zeichen).",
        error_messages={"required": "Bitte beschreiben Sie das Projekt kurz."},
    )  # fmt: skip
    legal_form = forms.ChoiceField(
        label="Rechtsform", choices=[("", "– bitte wählen –"), *LegalForm.choices],
        error_messages={"required": "Bitte wählen Sie die Rechtsform der Zusammenarbeit."},
    )  # fmt: skip
    task_area = forms.ChoiceField(
        label="Aufgabenbereich", error_messages={"required": "Bitte wählen Sie einen Aufgabenbereich."}
    )
    documents = forms.MultipleChoiceField(
        label="Dokumente, die mit dem Projekt veröffentlicht werden",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Jeweils die neueste Fassung wird dem Projekt beigefügt. Nicht gewählte Dokumente bleiben in der Werkstatt.",
    )

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_area"].choices = [("", "– bitte wählen –"), *task_area_choices()]
        self._documents = {str(d.pk): d for d in documents}
        self.fields["documents"].choices = [(str(d.pk), d.title) for d in documents]

    def clean_summary(self):
        return self.cleaned_data["summary"].replace("\r\n", "\n").strip()

    def clean_task_area(self):
        slug = self.cleaned_data["task_area"]
        area = TaskArea.objects.filter(slug=slug).first()
        if area is None:
            raise forms.ValidationError("Bitte wählen Sie einen Aufgabenbereich.")
        return area

    def chosen_documents(self) -> list:
        return [self._documents[pk] for pk in self.cleaned_data.get("documents", []) if pk in self._documents]
