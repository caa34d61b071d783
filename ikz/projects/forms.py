"""Front-end forms: the contribution form with participants, the filters, the partner finder."""

import re

from django import forms
from django.db.models import Q
from django.utils.html import strip_tags

from ikz.core.taxonomy import LegalForm, TaskArea
from ikz.core.validators import single_line
from ikz.core.widgets import IsoDateInput, IsoNumberInput, PlainTextarea
from ikz.library.forms import check_upload
from ikz.municipalities.models import Municipality

from .models import ParticipantRole, Phase

TEXT_FIELDS = [
    "summary",
    "situation",
    "goals",
    "benefits",
    "term",
    "cost_sharing",
    "funding",
    "lessons_learned",
]
# A draft may be saved with only a title (the page promises "jederzeit als Entwurf speichern");
# these are needed before the Redaktion can review it (services.project_missing_for_submit).
SUBMIT_REQUIRED = {
    "summary": "Bitte geben Sie zum Einreichen eine Kurzbeschreibung an.",
    "task_areas": "Bitte wählen Sie zum Einreichen mindestens einen Aufgabenbereich.",
    "legal_form": "Bitte wählen Sie zum Einreichen die Rechtsform.",
}
AGS_RE = re.compile(r"\b(05\d{3}(?:\d{3})?)\b")


def municipality_resolve(text: str) -> tuple[Municipality | None, list[Municipality]]:
    """Name or AGS → (the Körperschaft, []) or (None, candidates to choose from)."""
    text = (text or "").strip()
    if not text:
        return None, []
    if match := AGS_RE.search(text):
        found = Municipality.objects.filter(ags=match.group(1)).first()
        return (found, []) if found else (None, [])
    needle = text.lower()
    last_word = needle.split()[-1]
    pool = Municipality.objects.filter(
        Q(short_name__icontains=last_word)
        | Q(name__icontains=last_word)
        | Q(search_text__icontains=last_word)
    )[:200]
    matches = [m for m in pool if needle in (m.display_name.lower(), m.short_name.lower(), m.name.lower())]
    if len(matches) == 1:
        return matches[0], []
    if not matches:
        matches = list(Municipality.objects.filter(short_name__icontains=text)[:8])
    return None, matches


def municipality_label(m: Municipality) -> str:
    return f"{m.display_name} ({m.ags})"


class MunicipalityField(forms.CharField):
    """A text input (with a <datalist> of the register) resolved on the server; works without JS."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)
        self.widget.attrs.update({"list": "koerperschaften", "autocomplete": "off"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        found, candidates = municipality_resolve(value)
        if found is None:
            if candidates:
                names = "; ".join(municipality_label(m) for m in candidates[:8])
                raise forms.ValidationError(f"„{value}“ ist nicht eindeutig. Meinten Sie: {names}?")
            raise forms.ValidationError(
                f"„{value}“ wurde im Verzeichnis nicht gefunden. Bitte Namen oder AGS prüfen."
            )
        return found

    def prepare_value(self, value):
        if isinstance(value, Municipality):
            return municipality_label(value)
        return value


def task_area_choices():
    groups = []
    for top in TaskArea.objects.top_level().prefetch_related("children"):
        groups.append((top.slug, f"{top.name} (allgemein)"))
        groups.extend((child.slug, f"{top.name} › {child.name}") for child in top.children.all())
    return groups


def funding_programme_choices(current=None):
    """The published programmes of /foerderung/ (and the one a project names already)."""
    from ikz.funding.models import FundingProgrammePage

    pages = FundingProgrammePage.objects.filter(Q(live=True) | Q(pk=current or 0)).order_by("title")
    return [("", "– keines –")] + [(page.pk, page.title) for page in pages.only("pk", "title")]


class ProjectForm(forms.Form):
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # After an edit conflict: the revision the user first loaded (see conflicts.py).
    conflict_base = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label="Titel des Projekts", max_length=200, validators=[single_line])
    summary = forms.CharField(
        label="Kurzbeschreibung",
        required=False,
        max_length=1200,
        widget=PlainTextarea(attrs={"rows": 3}),
        help_text="Zwei, drei Sätze: Wer macht was gemeinsam?",
    )
    situation = forms.CharField(label="Ausgangslage", required=False, widget=PlainTextarea(attrs={"rows": 4}))
    goals = forms.CharField(
        label="Ziele und Inhalte", required=False, widget=PlainTextarea(attrs={"rows": 4})
    )
    benefits = forms.CharField(label="Nutzen", required=False, widget=PlainTextarea(attrs={"rows": 3}))
    # Digits and places as stored (models.Project), so nothing typed is rounded away on save.
    savings_eur = forms.DecimalField(
        label="Einsparung in Euro pro Jahr", required=False, min_value=0, max_digits=12, decimal_places=0,
        widget=IsoNumberInput,
    )  # fmt: skip
    savings_percent = forms.DecimalField(
        label="Einsparung in Prozent", required=False, min_value=0, max_value=100, max_digits=5,
        decimal_places=1, widget=IsoNumberInput,
    )  # fmt: skip
    staff_fte = forms.DecimalField(
        label="Personal (Vollzeitstellen)", required=False, min_value=0, max_digits=6, decimal_places=1,
        widget=IsoNumberInput,
    )  # fmt: skip
    baseline = forms.CharField(
        label="Ausgangswert",
        required=False,
        max_length=300,
        help_text="Womit Sie vergleichen, z. B. „Kosten 2019 beider Bauhöfe“.",
    )
    task_areas = forms.MultipleChoiceField(
        label="Aufgabenbereiche", required=False, widget=forms.CheckboxSelectMultiple
    )
    legal_form = forms.ChoiceField(
        label="Rechtsform", required=False, choices=[("", "– noch offen –"), *LegalForm.choices]
    )
    phase = forms.ChoiceField(label="Phase", choices=Phase.choices)
    start_date = forms.DateField(
        label="Beginn",
        required=False,
        widget=IsoDateInput,
        help_text="Tag, an dem die Zusammenarbeit begann oder beginnen soll.",
    )
    term = forms.CharField(
        label="Laufzeit und Kündigung", required=False, widget=PlainTextarea(attrs={"rows": 2})
    )
    cost_sharing = forms.CharField(
        label="Kostenverteilung", required=False, widget=PlainTextarea(attrs={"rows": 2})
    )
    funding = forms.CharField(label="Fördermittel", required=False, widget=PlainTextarea(attrs={"rows": 2}))
    funding_programme_id = forms.TypedChoiceField(
        label="Gefördert durch (Förderprogramm)", required=False, coerce=int, empty_value=None,
        help_text="Nur wenn das Programm unter „Förderprogramme“ steht; sonst oben unter „Fördermittel“ nennen.",
    )  # fmt: skip
    lessons_learned = forms.CharField(
        label="Erfahrungen und Tipps für andere", required=False, widget=PlainTextarea(attrs={"rows": 4})
    )
    document = forms.FileField(
        label="Dokument anhängen",
        required=False,
        help_text="PDF, DOCX oder ODT, z. B. Vereinbarung, Satzung oder Ratsbeschluss.",
    )
    document_title = forms.CharField(
        label="Bezeichnung des Dokuments", required=False, max_length=200, validators=[single_line]
    )
    remove_documents = forms.MultipleChoiceField(label="Dokumente entfernen", required=False,
                                                 widget=forms.CheckboxSelectMultiple)  # fmt: skip

    def __init__(self, *args, documents=(), submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.fields["task_areas"].choices = task_area_choices()
        self.fields["funding_programme_id"].choices = funding_programme_choices(
            (self.initial or {}).get("funding_programme_id")
        )
        for name in SUBMIT_REQUIRED:
            self.fields[name].help_text = " ".join(
                filter(None, [self.fields[name].help_text, "Zum Einreichen erforderlich."])
            )
        self.fields["remove_documents"].choices = [(str(d.pk), d.title) for d in documents]
        if not documents:
            del self.fields["remove_documents"]

    def clean(self):
        data = super().clean()
        for name in ["title", *TEXT_FIELDS, "baseline"]:
            if isinstance(data.get(name), str):
                # plain text only; browsers send CRLF, stored text uses LF (an unchanged save stays unchanged)
                data[name] = strip_tags(data[name]).replace("\r\n", "\n").strip()
        if self.submitting:
            for name, message in SUBMIT_REQUIRED.items():
                if name not in self.errors and not data.get(name):
                    self.add_error(name, message)
        return data

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            check_upload(upload)
        return upload


class ParticipantForm(forms.Form):
    municipality = MunicipalityField(label="Körperschaft (Name oder AGS)", required=False)
    name = forms.CharField(label="oder Name (außerhalb des Verzeichnisses)", required=False, max_length=200)
    role = forms.ChoiceField(
        label="Rolle",
        choices=[(ParticipantRole.PARTNER, "Partner"), (ParticipantRole.LEAD, "federführend")],
        required=False,
    )
    contact_name = forms.CharField(label="Ansprechperson", required=False, max_length=150)
    contact_email = forms.EmailField(label="E-Mail", required=False)
    contact_phone = forms.CharField(label="Telefon", required=False, max_length=50)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("municipality") and not data.get("name")


class BaseParticipantFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": "Bitte nennen Sie höchstens %(num)d beteiligte Körperschaften. Bei größeren "
        "Zusammenschlüssen nennen Sie die übrigen bitte in der Kurzbeschreibung.",
    }

    def clean(self):
        if any(self.errors):
            return
        rows = [f.cleaned_data for f in self.forms if f.cleaned_data and not f.is_blank()]
        if not rows:
            raise forms.ValidationError("Bitte nennen Sie mindestens eine beteiligte Körperschaft.")
        if sum(1 for r in rows if r["role"] == ParticipantRole.LEAD) > 1:
            raise forms.ValidationError("Bitte nennen Sie höchstens eine federführende Körperschaft.")
        seen = [r["municipality"].pk for r in rows if r.get("municipality")]
        if len(seen) != len(set(seen)):
            raise forms.ValidationError("Eine Körperschaft ist doppelt genannt.")

    def participants(self) -> list[dict]:
        rows = [f.cleaned_data for f in self.forms if f.cleaned_data and not f.is_blank()]
        return [
            {
                "municipality": r.get("municipality"),
                "name": "" if r.get("municipality") else r["name"],
                "role": r["role"] or ParticipantRole.PARTNER,
                "contact_name": r["contact_name"],
                "contact_email": r["contact_email"],
                "contact_phone": r["contact_phone"],
            }
            for r in rows
        ]


# The largest real cooperation in the examples names 37 Körperschaften; larger ones give a count.
# absolute_max = max_num: Django builds no more forms than that, however many a request claims.
MAX_PARTICIPANTS = 100
ParticipantFormSet = forms.formset_factory(
    ParticipantForm, formset=BaseParticipantFormSet, extra=3,
    max_num=MAX_PARTICIPANTS, validate_max=True, absolute_max=MAX_PARTICIPANTS,
)  # fmt: skip


class PartnerFinderForm(forms.Form):
    municipality = MunicipalityField(label="Körperschaft (Name oder AGS)")
    task_area = forms.ChoiceField(label="Aufgabenbereich")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_area"].choices = task_area_choices()

    def clean_task_area(self):
        return TaskArea.objects.get(slug=self.cleaned_data["task_area"])


class PartnerRequestForm(forms.Form):
    municipality = forms.ModelChoiceField(label="Für die Körperschaft", queryset=Municipality.objects.none())
    task_area = forms.ChoiceField(label="Aufgabenbereich")
    title = forms.CharField(label="Wir suchen Partner für …", max_length=200, validators=[single_line])
    description = forms.CharField(
        label="Beschreibung", max_length=3000, widget=PlainTextarea(attrs={"rows": 5})
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["task_area"].choices = task_area_choices()

    def clean_task_area(self):
        return TaskArea.objects.get(slug=self.cleaned_data["task_area"])

    def clean_description(self):
        return strip_tags(self.cleaned_data["description"])


class PartnerAnswerForm(forms.Form):
    municipality = forms.ModelChoiceField(label="Sie antworten für", queryset=Municipality.objects.none())
    message = forms.CharField(label="Ihre Nachricht", max_length=3000, widget=PlainTextarea(attrs={"rows": 5}),
                              help_text="Die Nachricht und Ihre E-Mail-Adresse gehen per E-Mail an die suchende "
                              "Kommune, damit sie Ihnen antworten kann. Auf der Seite wird keine Adresse gezeigt.")  # fmt: skip

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities

    def clean_message(self):
        return strip_tags(self.cleaned_data["message"])
