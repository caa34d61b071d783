"""The admin form of a SearchPrior: saved only on top of the version the editor loaded."""

from django import forms
from django.db.models import F
from wagtail.admin.forms import WagtailAdminModelForm

FIELDS = ("kind", "law", "factor", "note")


class SearchPriorForm(WagtailAdminModelForm):
    """Two editors change the same weight: the later save does not overwrite the earlier one
    unseen. It is refused with both values shown; the form then carries the current version, so
    saving again (deliberately) replaces it (docs/decisions/0011)."""

    base_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        stored = type(self.instance).objects.filter(pk=self.instance.pk).values(*FIELDS, "version").first()
        base = cleaned.get("base_version")
        if stored is None or base is None or base == stored["version"]:
            return cleaned
        changed = [name for name in FIELDS if cleaned.get(name) != stored[name]]
        if changed:
            data = self.data.copy()
            data[self.add_prefix("base_version")] = stored["version"]
            self.data = data
            shown = ", ".join(f"{self.fields[n].label}: „{stored[n]}“" for n in changed if n in self.fields)
            raise forms.ValidationError(
                "Inzwischen hat jemand anderes diese Gewichtung geändert (gespeichert ist jetzt %(shown)s). "
                "Ihre Eingabe ist nicht gespeichert. Prüfen Sie sie und speichern Sie erneut, um den "
                "gespeicherten Stand zu ersetzen.",
                params={"shown": shown},
            )
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=False)
        if instance.pk and self.has_changed():  # saved unchanged: the same row, the same version
            instance.version = F("version") + 1
        if commit:
            instance.save()
            instance.refresh_from_db(fields=["version"])
        return instance
