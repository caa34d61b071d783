"""Forms of the public account pages. Every message a person reads is German."""

import hashlib

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from ikz.core import versioned_cache
from ikz.core.validators import single_line
from ikz.core.widgets import PlainTextarea
from ikz.municipalities.models import Municipality

from .backends import UNCONFIRMED_FLAG
from .models import User
from .selectors import municipality_choices

REQUIRED = "Bitte füllen Sie dieses Feld aus."
DUPLICATE_EMAIL = (
    "Mit dieser E-Mail-Adresse ist keine neue Registrierung möglich. Wenn Sie schon ein Konto "
    "haben, melden Sie sich an oder setzen Sie Ihr Passwort zurück."
)


class RegisterSelect(forms.Select):
    """The register's <select>: some 430 options, drawn once per content version while nothing is
    chosen (the same markup for everyone), instead of on every request for a form page."""

    def render(self, name, value, attrs=None, renderer=None):
        if value not in (None, "", []):
            return super().render(name, value, attrs, renderer)
        shape = repr((name, sorted({**self.attrs, **(attrs or {})}.items()), renderer.__class__.__name__))
        key = "accounts:register-select:" + hashlib.sha256(shape.encode()).hexdigest()
        return versioned_cache.get_or_build(
            key, lambda: super(RegisterSelect, self).render(name, value, attrs, renderer)
        )


class MunicipalityField(forms.ChoiceField):
    """A <select> of the register, grouped by Kreis; the value is the AGS."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Körperschaft")
        kwargs.setdefault(
            "error_messages",
            {
                "required": "Bitte wählen Sie die Körperschaft, für die Sie tätig sind.",
                "invalid_choice": "Diese Körperschaft gibt es im Verzeichnis nicht.",
            },
        )
        kwargs.setdefault("widget", RegisterSelect)
        super().__init__(choices=self._choices_with_blank, **kwargs)

    @staticmethod
    def _choices_with_blank():
        return [("", "– bitte wählen –"), *municipality_choices()]

    def clean(self, value) -> Municipality:
        ags = super().clean(value)
        try:
            return Municipality.objects.get(ags=ags)
        except Municipality.DoesNotExist:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None


class RegistrationForm(forms.Form):
    first_name = forms.CharField(
        label="Vorname",
        max_length=150,
        error_messages={"required": "Bitte geben Sie Ihren Vornamen an."},
        validators=[single_line],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label="Nachname",
        max_length=150,
        error_messages={"required": "Bitte geben Sie Ihren Nachnamen an."},
        validators=[single_line],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label="Dienstliche E-Mail-Adresse",
        error_messages={
            "required": "Bitte geben Sie Ihre E-Mail-Adresse an.",
            "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@stadt.de.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="An diese Adresse schicken wir einen Link zur Bestätigung.",
    )
    password1 = forms.CharField(
        label="Passwort",
        strip=False,
        error_messages={"required": "Bitte wählen Sie ein Passwort."},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Mindestens 10 Zeichen, nicht nur Ziffern und kein gängiges Passwort.",
    )
    password2 = forms.CharField(
        label="Passwort wiederholen",
        strip=False,
        error_messages={"required": "Bitte geben Sie das Passwort ein zweites Mal ein."},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    municipality = MunicipalityField(
        help_text="Die Redaktion prüft, ob Sie für diese Körperschaft tätig sind.",
    )
    job_title = forms.CharField(
        label="Funktion (freiwillig)",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    privacy_consent = forms.BooleanField(
        label="Ich habe den Datenschutzhinweis gelesen und bin mit der Verarbeitung meiner Angaben "
        "zur Prüfung der Mitgliedschaft einverstanden.",
        error_messages={"required": "Bitte bestätigen Sie, dass Sie den Datenschutzhinweis gelesen haben."},
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(DUPLICATE_EMAIL, code="duplicate")
        return email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error(
                "password2",
                ValidationError("Die beiden Passwörter stimmen nicht überein.", code="password_mismatch"),
            )
        elif p1:
            probe = User(
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(p1, probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class LoginForm(AuthenticationForm):
    """Log in with e-mail address and password; explains an unconfirmed address."""

    username = forms.EmailField(
        label="E-Mail-Adresse",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={
            "required": "Bitte geben Sie Ihre E-Mail-Adresse an.",
            "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse an.",
        },
    )
    password = forms.CharField(
        label="Passwort",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Bitte geben Sie Ihr Passwort ein."},
    )

    error_messages = {
        "invalid_login": "E-Mail-Adresse oder Passwort sind nicht richtig. Bitte versuchen Sie es noch einmal.",
        "inactive": "Dieses Konto ist gesperrt. Bitte wenden Sie sich an die Redaktion.",
        "unconfirmed": "Sie haben Ihre E-Mail-Adresse noch nicht bestätigt. Bitte klicken Sie auf den "
        "Link in der Mail, die wir Ihnen geschickt haben. Erst danach können Sie sich anmelden.",
    }

    unconfirmed = False

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                raise
            # The backend noted a right password for an unconfirmed address; checking the
            # password here again would make this case measurably slower than the others.
            if getattr(self.request, UNCONFIRMED_FLAG, False):
                self.unconfirmed = True
                raise ValidationError(self.error_messages["unconfirmed"], code="unconfirmed") from None
            raise


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(
        label="E-Mail-Adresse",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Bitte geben Sie Ihre E-Mail-Adresse an.",
            "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse an.",
        },
    )


class MembershipRequestForm(forms.Form):
    municipality = MunicipalityField(label="Weitere Körperschaft")
    note = forms.CharField(
        label="Anmerkung für die Redaktion (freiwillig)",
        required=False,
        max_length=1000,
        widget=PlainTextarea(attrs={"rows": 3}),
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the mail goes through the task queue."""

    email = forms.EmailField(
        label="E-Mail-Adresse",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Bitte geben Sie Ihre E-Mail-Adresse an.",
            "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse an.",
        },
    )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from .emails import password_reset_mail_send

        password_reset_mail_send(
            subject=render_to_string(subject_template_name, context),
            to=to_email,
            text_body=render_to_string(email_template_name, context),
            html_body=render_to_string(html_email_template_name, context) if html_email_template_name else "",
        )
