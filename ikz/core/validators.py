"""Validators shared by the front-end forms of several apps."""

from django.core.exceptions import ValidationError

LINE_BREAKS = "\r\n\x00\x0b\x0c\x85\u2028\u2029"


def single_line(value: str) -> None:
    """Refuse line breaks in a one-line field: a paste error, or a header-injection attempt when
    the value ends up in a mail subject (Django then refuses to send the mail at all)."""
    if any(ch in value for ch in LINE_BREAKS):
        raise ValidationError("Bitte ohne Zeilenumbrüche eingeben.", code="line_break")
