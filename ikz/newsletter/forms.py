from django import forms

from ikz.core.taxonomy import TaskArea

from .services import CONSENT_TEXT


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Ihre E-Mail-Adresse",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de."},
    )
    topics = forms.ModelMultipleChoiceField(
        label="Themen (freiwillig)",
        queryset=TaskArea.objects.top_level(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Ohne Auswahl erhalten Sie alle Ausgaben.",
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": "Bitte bestätigen Sie, dass Sie den Newsletter erhalten möchten."},
    )
    website = forms.CharField(label="Bitte dieses Feld leer lassen", required=False)
