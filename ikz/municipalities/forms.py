"""The register's filter form (GET, works without JavaScript, shareable URLs)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.core.collation import sort_key

from .fragments import kreise
from .models import MunicipalityType, Regierungsbezirk


class MunicipalityFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name oder AGS"), required=False, max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=_("Groß- und Kleinschreibung und Umlaute sind egal: „Koeln“ findet Köln."),
    )  # fmt: skip
    regierungsbezirk = forms.ChoiceField(
        label=_("Regierungsbezirk"), required=False,
        choices=[("", _("Alle Regierungsbezirke")), *Regierungsbezirk.choices],
    )  # fmt: skip
    kreis = forms.ChoiceField(label=_("Kreis"), required=False)
    type = forms.ChoiceField(
        label=_("Art"), required=False, choices=[("", _("Alle Arten")), *MunicipalityType.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kreise = {k.ags: k for k in kreise()}  # read once per content version
        self.fields["kreis"].choices = [("", _("Alle Kreise"))] + [
            (ags, kreis.display_name)
            for ags, kreis in sorted(self.kreise.items(), key=lambda i: sort_key(i[1].display_name))
        ]
        self.fields["kreis"].help_text = _("Zeigt die Städte und Gemeinden des Kreises.")

    def clean_kreis(self):
        ags = self.cleaned_data.get("kreis")
        return self.kreise.get(ags) if ags else None

    def filters(self) -> dict:
        """The valid filters only: a bad value in one field does not discard the others."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q") or "",
            "regierungsbezirk": data.get("regierungsbezirk") or "",
            "kreis": data.get("kreis"),
            "type": data.get("type") or "",
        }

    @property
    def is_filtered(self) -> bool:
        return any(self.filters().values())
