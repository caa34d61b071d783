"""Read a rendered HTML form the way a browser submits it (for round-trip tests with the test client).

What a browser does and Django's test client does not: it drops a value an `<input type="date">`
or `type="number"` cannot parse (that is how a German `01.12.2026` became NULL), strips line
breaks from single-line inputs, sends textareas with CRLF line ends, sends only ticked checkboxes
and the selected options (the first option of a single select when none is marked), skips
disabled controls, and adds the name/value of the button that submitted the form.
"""

import re

from bs4 import BeautifulSoup

_DATE = re.compile(r"^\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$")
_NUMBER = re.compile(r"^-?(\d+|\d*\.\d+)([eE][-+]?\d+)?$")
_BUTTON_TYPES = {"submit", "image", "button", "reset"}


def _sanitize(input_type: str, value: str) -> str:
    """The HTML standard's value sanitization algorithm for the types the portal uses."""
    if input_type in {"text", "search", "tel", "password", "url", "email"}:
        value = value.replace("\r", "").replace("\n", "")
    if input_type in {"email", "url"}:
        value = value.strip()
    if input_type == "date" and not _DATE.match(value):
        return ""
    if input_type == "time" and not _TIME.match(value):
        return ""
    if input_type == "datetime-local":
        date, _, time = value.partition("T")
        if not (_DATE.match(date) and _TIME.match(time)):
            return ""
    if input_type == "number" and not _NUMBER.match(value):
        return ""
    return value


def find_form(html: str, *, having: str | None = None):
    """The first POST form of the page (that has a control named `having`)."""
    soup = BeautifulSoup(html, "html.parser")
    for form in soup.find_all("form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        if having is None or form.find(attrs={"name": having}):
            return form
    raise AssertionError(f"no POST form with a control named {having!r} on the page")


def form_fields(form, *, submitter: str | None = None) -> list[tuple[str, str]]:
    """The (name, value) pairs a browser would send; `submitter` is the name of the button pressed."""
    pairs: list[tuple[str, str]] = []
    for control in form.find_all(["input", "select", "textarea", "button"]):
        name = control.get("name")
        if not name or control.has_attr("disabled") or control.find_parent("fieldset", disabled=True):
            continue
        if control.name == "button" or (control.name == "input" and control.get("type") in _BUTTON_TYPES):
            if name == submitter and (control.get("type") or "submit") == "submit":
                pairs.append((name, control.get("value", "")))
                submitter = None  # only the one pressed
            continue
        if control.name == "textarea":
            text = control.string or ""
            if text.startswith("\n"):  # the parser drops the first line break after <textarea>
                text = text[1:]
            pairs.append((name, text.replace("\r\n", "\n").replace("\n", "\r\n")))
        elif control.name == "select":
            options = control.find_all("option")
            chosen = [o for o in options if o.has_attr("selected") and not o.has_attr("disabled")]
            if not chosen and not control.has_attr("multiple") and options:
                chosen = options[:1]
            pairs.extend((name, o.get("value", o.get_text())) for o in chosen)
        else:
            input_type = (control.get("type") or "text").lower()
            if input_type in {"checkbox", "radio"}:
                if control.has_attr("checked"):
                    pairs.append((name, control.get("value", "on")))
            elif input_type == "file":
                continue  # nothing chosen: Django sees no upload
            else:
                pairs.append((name, _sanitize(input_type, control.get("value", ""))))
    if submitter is not None:
        raise AssertionError(f"no submit button named {submitter!r} in the form")
    return pairs


def as_post_data(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """For Django's test client: repeated names become lists."""
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data
