"""The filter of /foerderung/ (a GET form: it works without JavaScript, and the address says it all)."""

from django import forms

from ikz.core import versioned_cache
from ikz.core.taxonomy import TaskArea

from .models import ApplicantType


class TaskAreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"– {obj.name}" if obj.parent_id else obj.name


class FundingFilterForm(forms.Form):
    task_area = TaskAreaChoiceField(
        label="Aufgabenbereich",
        queryset=TaskArea.objects.none(),
        required=False,
        empty_label="alle Aufgabenbereiche",
        to_field_name="slug",
        error_messages={
            "invalid_choice": "Diesen Aufgabenbereich gibt es nicht. Bitte einen aus der Liste wählen."
        },
    )
    applicant_type = forms.ModelChoiceField(
        label="Antragsberechtigt",
        queryset=ApplicantType.objects.all(),
        required=False,
        empty_label="alle Antragsberechtigten",
        to_field_name="slug",
        error_messages={
            "invalid_choice": "Diese Art von Antragsberechtigten gibt es nicht. Bitte eine aus der Liste wählen."
        },
    )
    open_now = forms.BooleanField(label="Nur jetzt offene Programme", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ids, area_choices, applicant_choices = versioned_cache.get_or_build(
            "funding:filter-choices", _choices
        )
        field = self.fields["task_area"]
        field.queryset = TaskArea.objects.filter(pk__in=ids)  # read only to check a choice made
        field.choices = [("", field.empty_label), *area_choices]
        applicant = self.fields["applicant_type"]
        applicant.choices = [("", applicant.empty_label), *applicant_choices]

    def fields_html(self) -> str:
        """The fields, rendered once per content version and choice made; a form with errors each
        time (its input is not one of the choices)."""
        from django.template.loader import render_to_string

        def build() -> str:
            return render_to_string("funding/includes/filter_fields.html", {"form": self})

        if self.is_bound and not self.is_valid():
            return build()
        key = ("funding:filter", *(self.data.get(name, "") if self.is_bound else "" for name in self.fields))
        return versioned_cache.get_or_build(key, build)


def _choices() -> tuple[tuple[int, ...], tuple, tuple]:
    """The task areas in the taxonomy's order (parent, then its children) and the applicant types:
    read once per content version (issue 12), not on every request."""
    ordered = []
    for top in TaskArea.objects.top_level().prefetch_related("children"):
        ordered.append(top)
        ordered.extend(top.children.all())
    label = TaskAreaChoiceField.label_from_instance
    return (
        tuple(area.pk for area in ordered),
        tuple((area.slug, label(None, area)) for area in ordered),
        tuple((a.slug, a.name) for a in ApplicantType.objects.all()),
    )
