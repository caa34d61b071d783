"""The public hotline forms: the written inquiry (with spam checks) and the follow-up."""

from django import forms
from django.conf import settings
from django.db.models import Q

from ikz.core.validators import single_line
from ikz.core.widgets import PlainTextarea

from .attachments import attachment_validate, max_bytes
from .tokens import form_started_age, form_started_make

CONSENT_TEXT = (
    "Ich bin damit einverstanden, dass die Redaktion meine Angaben zur Bearbeitung meiner Anfrage "
    "speichert und mir per E-Mail antwortet. Nach Abschluss der Anfrage werden meine personenbezogenen "
    "Daten nach der im Datenschutzhinweis genannten Frist gelöscht."
)


class InquiryForm(forms.Form):
    subject = forms.CharField(label="Betreff", max_length=200, validators=[single_line])
    question = forms.CharField(label="Ihre Frage", max_length=10_000, widget=PlainTextarea(attrs={"rows": 8}))
    municipality = forms.CharField(
        label="Körperschaft (freiwillig)",
        max_length=200,
        required=False,
        validators=[single_line],
        help_text="Name oder Amtlicher Gemeindeschlüssel, z. B. „Hückeswagen“ oder „05374016“.",
    )
    name = forms.CharField(
        label="Ihr Name",
        max_length=150,
        validators=[single_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Ihre E-Mail-Adresse",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de."},
    )
    attachment = forms.FileField(
        label="Anhang (freiwillig)",
        required=False,
        help_text="PDF, PNG, JPEG, DOCX oder ODT, höchstens {} MB.",
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": "Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu."},
    )
    # Spam protection: a field people never see, and the signed time the form was shown.
    website = forms.CharField(
        label="Bitte dieses Feld leer lassen",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].help_text = self.fields["attachment"].help_text.format(
            max_bytes() // 1024 // 1024
        )
        self.fields["started"].initial = form_started_make()
        self.municipality_obj = None
        self.is_bot = False

    def clean_municipality(self):
        from ikz.municipalities.models import Municipality

        value = self.cleaned_data["municipality"].strip()
        if value:
            lookup = Q(ags=value) if value.isdigit() else Q(short_name__iexact=value) | Q(name__iexact=value)
            matches = list(Municipality.objects.filter(lookup)[:2])
            self.municipality_obj = matches[0] if len(matches) == 1 else None
        return value

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            attachment_validate(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            self.is_bot = True
        age = form_started_age(self.data.get("started", ""))
        if age is None:
            self.is_bot = True
        elif age < getattr(settings, "HOTLINE_MIN_FILL_SECONDS", 3):
            raise forms.ValidationError(
                "Das ging sehr schnell. Bitte prüfen Sie Ihre Angaben und senden Sie das Formular noch einmal ab."
            )
        return cleaned


class FollowUpForm(forms.Form):
    body = forms.CharField(label="Ihr Nachtrag", max_length=10_000, widget=PlainTextarea(attrs={"rows": 6}))
