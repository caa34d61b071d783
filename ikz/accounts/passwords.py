"""Password rules with messages that read as German, not as a translated template.

Django's German catalogue renders the similarity rule as "Das Passwort ist zu ähnlich zu
E-Mail-Adresse." – the field name dropped into a sentence without its article.
"""

from django.contrib.auth.password_validation import UserAttributeSimilarityValidator
from django.core.exceptions import ValidationError

# The user attributes Django compares, in the dative with their article.
_DATIVE = {
    "E-Mail-Adresse": "Ihrer E-Mail-Adresse",
    "Vorname": "Ihrem Vornamen",
    "Nachname": "Ihrem Nachnamen",
}


class SimilarityValidator(UserAttributeSimilarityValidator):
    """Django's rule (the password must not resemble the name or the address), German message.

    The username is left out: the portal derives it from the address, and people never see it."""

    def __init__(self, user_attributes=("email", "first_name", "last_name"), max_similarity=0.7):
        super().__init__(user_attributes=user_attributes, max_similarity=max_similarity)

    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError as error:
            name = str(error.params.get("verbose_name", "")) if error.params else ""
            what = _DATIVE.get(name, f"Ihrer Angabe „{name}“" if name else "Ihren Angaben")
            raise ValidationError(
                "Das Passwort ähnelt zu sehr %(what)s.", code="password_too_similar", params={"what": what}
            ) from None

    def get_help_text(self):
        return "Das Passwort darf Ihrem Namen und Ihrer E-Mail-Adresse nicht ähneln."
