from django import forms

from ikz.core.taxonomy import TaskArea
from ikz.municipalities.models import Municipality, Regierungsbezirk

from .models import ContactKind


class ContactFilterForm(forms.Form):
    """The directory's filters (GET): every combination is a plain address."""

    thema = forms.ModelChoiceField(
        label="Thema",
        queryset=TaskArea.objects.select_related("parent"),  # the label names the parent
        to_field_name="slug",
        required=False,
        empty_label="alle Themen",
    )
    bezirk = forms.ChoiceField(
        label="Regierungsbezirk",
        choices=[("", "alle Regierungsbezirke"), *Regierungsbezirk.choices],
        required=False,
    )
    kreis = forms.ModelChoiceField(
        label="Kreis",
        queryset=Municipality.objects.kreise()
        .defer("boundary", "map_path", "map_bbox", "search_text")  # large, and not in a label
        .order_by("short_name"),
        to_field_name="ags",
        required=False,
        empty_label="alle Kreise",
    )
    art = forms.ChoiceField(label="Art", choices=[("", "alle"), *ContactKind.choices], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kreis"].label_from_instance = lambda m: m.display_name
