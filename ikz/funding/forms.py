"""The filter of /foerderung/ (a GET form: it works without JavaScript, and the address says it all)."""

from django import forms

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
        ordered = []
        for top in TaskArea.objects.top_level().prefetch_related("children"):
            ordered.append(top.pk)
            ordered.extend(child.pk for child in top.children.all())
        field = self.fields["task_area"]
        field.queryset = TaskArea.objects.filter(pk__in=ordered)
        # the choices in the taxonomy's order (parent, then its children)
        position = {pk: i for i, pk in enumerate(ordered)}
        field.choices = [("", field.empty_label)] + [
            (area.slug, field.label_from_instance(area))
            for area in sorted(field.queryset, key=lambda a: position[a.pk])
        ]
