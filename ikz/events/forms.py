from django import forms


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label="Ihr Name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Bitte geben Sie Ihren Namen an."},
    )
    email = forms.EmailField(
        label="Ihre E-Mail-Adresse",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="An diese Adresse schicken wir den Bestätigungslink.",
        error_messages={
            "required": "Bitte geben Sie Ihre E-Mail-Adresse an.",
            "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de.",
        },
    )
    organisation = forms.CharField(
        label="Körperschaft (freiwillig)",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        help_text="z. B. Stadt Hückeswagen",
    )
    consent = forms.BooleanField(
        label="",  # set per instance: the text names the retention period in force
        error_messages={"required": "Bitte stimmen Sie der Speicherung Ihrer Angaben zu."},
    )
    website = forms.CharField(label="Bitte dieses Feld leer lassen", required=False)

    def __init__(self, *args, **kwargs):
        from .services import consent_text

        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text()
