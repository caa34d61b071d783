"""Validation of court identifiers: ECLI (EU format) and German file numbers (Aktenzeichen)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# ECLI:<country or EU, 2 letters>:<court code, 1–7>:<year, 4 digits>:<ordinal, 1–25 of A–Z 0–9 .>
# (Council conclusions on ECLI, OJ C 127, 29.4.2011, Annex, point 1).
ECLI_RE = re.compile(r"^ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:(?:1[89]|20)\d{2}:[A-Z0-9.]{1,25}$")

# "C-386/11", "13 Verg 3/13", "VII-Verg 25/18", "XI R 12/15", "1 K 4539/06", "15 A 440/08":
# a register part, a running number, a slash and a two- or four-digit year.
FILE_NUMBER_RE = re.compile(r"^[A-ZÄÖÜa-zäöü0-9][A-ZÄÖÜa-zäöü0-9 .\-]*\d\s*/\s*(?:\d{2}|\d{4})$")


def validate_ecli(value: str) -> None:
    if value and not ECLI_RE.match(value.strip()):
        raise ValidationError(
            _(
                "„%(value)s“ ist kein gültiger ECLI. Erwartet wird "
                "ECLI:<Land, 2 Buchstaben>:<Gericht, bis 7 Zeichen>:<Jahr, 4 Ziffern>:<Ordnungsnummer>, "
                "z. B. ECLI:EU:C:2013:385 oder ECLI:DE:BFH:2017:U.280617.XIR12.15.0."
            ),
            code="invalid_ecli",
            params={"value": value},
        )


def validate_file_number(value: str) -> None:
    if value and not FILE_NUMBER_RE.match(value.strip()):
        raise ValidationError(
            _(
                "„%(value)s“ sieht nicht wie ein Aktenzeichen aus. Erwartet wird z. B. "
                "„C-386/11“, „13 Verg 3/13“ oder „XI R 12/15“ (Register, laufende Nummer, Schrägstrich, Jahr)."
            ),
            code="invalid_file_number",
            params={"value": value},
        )
