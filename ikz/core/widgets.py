"""Input widgets that a browser can read back, whatever the display language.

`<input type="date">`, `datetime-local`, `time` and `number` only accept machine formats
(`2026-12-01`, `2026-12-01T09:30`, `09:30`, `1234.5`). Django's plain DateInput renders the
locale's first input format instead (`01.12.2026` under German), which the browser discards as
invalid: the field shows empty and the next save stores NULL. Every portal form uses these
widgets; tests/test_form_roundtrip.py walks all forms and fails on any other date/number input.
"""

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME = "%Y-%m-%dT%H:%M"
ISO_TIME = "%H:%M"


class IsoDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_DATE)


class IsoDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_DATETIME)


class IsoTimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_TIME)


class IsoNumberInput(forms.NumberInput):
    """A number with a '.' decimal point and no thousands separator, even if the field localizes."""

    def format_value(self, value):
        if value is None or value == "":
            return None
        return str(value)


class PlainTextarea(forms.Textarea):
    """Browsers send a textarea's line breaks as CRLF; the portal stores LF.

    Otherwise every save of an unchanged text would change it (and count each line break twice
    against max_length). Every textarea of a portal form uses this widget (tests/test_form_roundtrip.py).
    """

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value
