"""The one place where portal data leaves as a file or as JSON for others: plain text only, and
no spreadsheet formulas.

- `plain(value)`: every string (also inside lists and dicts) without HTML markup – a
  participant's name typed as `<b>Stadt</b>` reaches an open-data user as `Stadt`.
- `csv_writer(buffer)`: a csv writer whose cells cannot start a formula. A cell starting with
  = + - @ tab or CR is run by Excel and LibreOffice (`=HYPERLINK(…)` sends a click elsewhere,
  DDE runs programs); such cells get a leading apostrophe (OWASP "CSV injection").
"""

import csv
from typing import Any

from django.utils.html import strip_tags

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def plain(value: Any) -> Any:
    if isinstance(value, str):
        return strip_tags(value) if "<" in value else value
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def csv_cell(value: Any) -> Any:
    """Numbers stay numbers; text that a spreadsheet would read as a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([csv_cell(plain(cell)) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(buffer, **kwargs) -> _SafeWriter:
    """csv.writer(buffer, **kwargs) for exports: plain text, no formulas. Use this, not csv.writer."""
    return _SafeWriter(csv.writer(buffer, **kwargs))
