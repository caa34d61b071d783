import codecs

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string


class SecurityHeadersMiddleware:
    """Headers that django-csp and Django's SecurityMiddleware do not set themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault(
            "Permissions-Policy", "geolocation=(), camera=(), microphone=(), payment=(), usb=()"
        )
        if request.path.startswith("/admin/"):
            # The admin is exempt from the public policy (EXCLUDE_URL_PREFIXES) and gets its own.
            response.setdefault("Content-Security-Policy", settings.ADMIN_CONTENT_SECURITY_POLICY)
        return response


# C0 control characters and DEL. Tab, CR and LF are allowed in parameter values (a pasted text
# area), never in a path; NUL is refused everywhere (PostgreSQL rejects it in any text value).
_CONTROL = {chr(c) for c in range(0x20)} | {"\x7f"}
_CONTROL_IN_VALUES = _CONTROL - {"\t", "\r", "\n"}
# The charsets a multipart form may declare (a urlencoded one: UTF-8 only). Anything else (utf-16, utf-32, cp500 …) is refused before
# Django decodes the body with it – decoding failed inside the CSRF check and ended in a 500.
ACCEPTED_CHARSETS = {"utf-8", "ascii", "iso8859-1"}
_FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class MalformedRequest(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def _has(chars: set[str], text: str) -> bool:
    return not chars.isdisjoint(text)


def _check_charset(request) -> None:
    charset = request.content_params.get("charset") if hasattr(request, "content_params") else None
    if not charset:
        return
    if request.content_type == "application/x-www-form-urlencoded":
        accepted = charset.lower() == "utf-8"  # Django's own rule for this type (RFC 1866)
    else:
        try:
            accepted = codecs.lookup(charset).name in ACCEPTED_CHARSETS
        except LookupError:
            return  # Django ignores an unknown charset and reads UTF-8
    if not accepted:
        raise MalformedRequest(
            "Die Anfrage verwendet eine Zeichenkodierung, die das Portal nicht annimmt. "
            "Bitte senden Sie Formulare in UTF-8.",
            status=415,
        )


_BIGGEST_ID = 2**63 - 1


def _too_big(value: str) -> bool:
    """A value that is nothing but a number beyond any database integer: no id, count or page
    number can be that (SQLite's driver raised OverflowError for it in a choice field)."""
    digits = value[1:] if value[:1] == "-" else value
    return len(digits) > 18 and digits.isascii() and digits.isdigit() and int(digits) > _BIGGEST_ID


def _check_fields(data, what: str) -> None:
    for key, values in data.lists():
        if _has(_CONTROL, key) or any(isinstance(v, str) and _has(_CONTROL_IN_VALUES, v) for v in values):
            raise MalformedRequest(f"{what} enthält unzulässige Steuerzeichen.")
        if any(isinstance(v, str) and _too_big(v) for v in values):
            raise MalformedRequest(f"{what} enthält eine Zahl, die zu groß ist.")


def check_request(request) -> None:
    """Raise MalformedRequest when the request cannot be a real person's request."""
    _check_charset(request)
    if _has(_CONTROL, request.path) or _has(_CONTROL, request.path_info):
        raise MalformedRequest("Die Adresse enthält unzulässige Steuerzeichen.")
    _check_fields(request.GET, "Die Adresse")
    for name in [n for n, v in request.COOKIES.items() if _has(_CONTROL, n) or _has(_CONTROL, v)]:
        del request.COOKIES[name]  # a forged cookie is ignored, as if it were not sent
    if request.method in {"GET", "HEAD", "OPTIONS", "TRACE"} or request.content_type not in _FORM_TYPES:
        return
    _check_fields(request.POST, "Das Formular")  # file names: Django drops control characters itself


class MalformedRequestMiddleware:
    """One guard for input no view should see: control characters in the address, in a query or
    form field, and bodies in charsets other than UTF-8/ASCII/Latin-1. Such requests get a short
    German 400 (415 for the charset) instead of reaching the views, the database or the CSRF check.

    It sits before the session and CSRF middleware; the form is parsed here exactly as the CSRF
    check would parse it anyway.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            check_request(request)
        except MalformedRequest as problem:
            return bad_request_response(request, problem.message, status=problem.status)
        except (BadRequest, MultiPartParserError, SuspiciousOperation, UnicodeError, ValueError):
            return bad_request_response(request, "Die Anfrage konnte nicht gelesen werden.")
        return self.get_response(request)


def bad_request_response(request, message: str, *, status: int = 400) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status, json_dumps_params={"ensure_ascii": False})
    # Rendered without the request: the session, user and CSRF token are not to be touched here.
    html = render_to_string("core/bad_request.html", {"message": message, "status": status})
    return HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
