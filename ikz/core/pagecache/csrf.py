"""CSRF tokens on stored pages: never one visitor's token in another visitor's form.

A page with a form (e.g. "War diese Antwort hilfreich?") is stored with a placeholder where the
rendering visitor's token stood. Serving it, Django's own CsrfViewMiddleware reads the visitor's
CSRF cookie (or makes a new one), `get_token()` masks it afresh for this response and the
placeholder is replaced – so every response carries a differently masked token, as with Django's
own rendering (which is also what keeps BREACH from reading the secret out of compressed pages).

A page is stored only if, after the replacement, nothing that unmasks to the rendering visitor's
secret – and not the secret itself – is left anywhere in it (a token in a data attribute or in
JSON included).
"""

from __future__ import annotations

import hashlib
import re

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, CsrfViewMiddleware, get_token

PLACEHOLDER = b"\x00ikz-pagecache-csrf\x00"
_CANDIDATE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{%d}(?![A-Za-z0-9])" % (2 * CSRF_SECRET_LENGTH))
_csrf = CsrfViewMiddleware(lambda request: None)


def _unmask(token: str) -> str:
    """Django's token masking reversed (django.middleware.csrf: mask + cipher, per character)."""
    chars = CSRF_ALLOWED_CHARS
    mask, cipher = token[:CSRF_SECRET_LENGTH], token[CSRF_SECRET_LENGTH:]
    return "".join(chars[chars.index(c) - chars.index(m)] for m, c in zip(mask, cipher, strict=True))


def tokens_replace(body: bytes, secret: str) -> bytes | None:
    """`body` with every token of `secret` replaced by the placeholder; None if it cannot be made
    free of the secret (then the page is not stored)."""
    if PLACEHOLDER in body:
        return None

    def replace(match: re.Match) -> bytes:
        return PLACEHOLDER if _unmask(match.group().decode()) == secret else match.group()

    stripped = _CANDIDATE.sub(replace, body)
    if secret.encode() in stripped:
        return None
    return stripped


def tokens_fill(request, body: bytes) -> bytes:
    """The stored body with a fresh token of this visitor's secret in every placeholder. Marks the
    request so that `cookie_set()` sends the CSRF cookie, as Django does for a rendered form."""
    _csrf.process_request(request)
    return body.replace(PLACEHOLDER, get_token(request).encode())


def cookie_set(request, response) -> None:
    _csrf.process_response(request, response)


def secret_tag(request) -> str:
    """Part of the ETag of a page with a form: a browser's copy is only valid with its own secret."""
    secret = request.META.get("CSRF_COOKIE", "")
    return hashlib.sha256(secret.encode()).hexdigest()[:10]
