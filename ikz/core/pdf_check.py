"""Active content in PDFs – seen where a PDF reader sees it, also inside compressed object streams.

One rule for every upload that accepts PDFs: library documents (ikz.library.forms.check_upload,
also used by project documents and the Kooperationswerkstatt) and hotline attachments.

Refused are PDFs that name an action or a file that runs something when the document is opened
(ISO 32000-1, 12.6 Actions and 7.11 File specifications): /JavaScript, /JS, /Launch,
/EmbeddedFile(s), /RichMedia, /SubmitForm, /ImportData. The names are looked for

* in the file as it is (objects outside streams), with PDF name escapes decoded
  (`/J#61vaScript` is `/JavaScript`, ISO 32000-1, 7.3.5), and
* inside every object stream (`/Type /ObjStm`, or a stream with /N or /First – what a reader
  needs to read objects from it): since PDF 1.5 any dictionary, the catalog's /OpenAction
  included, may sit there compressed. Its filters are undone (FlateDecode and LZWDecode with
  their predictors, ASCIIHexDecode, ASCII85Decode, RunLengthDecode); every stream and all of them
  together are limited in their decoded size, so a small upload cannot make the worker inflate
  gigabytes.

Streams that hold no objects (page contents, fonts, images) are not decoded: a name there
starts nothing, and decoded pixel data would sooner or later contain "/JS " by chance.

A PDF that cannot be checked is refused as well: an encrypted one (its object streams are
encrypted), one whose object stream uses a filter not listed above or decodes too large, and one
with more than MAX_STREAMS streams or MAX_OBJECT_STREAMS object streams (checking costs about
10 µs CPU per stream, 40 µs per object stream).
"""

from __future__ import annotations

import base64
import re
import zlib

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

ACTIVE_NAMES = frozenset(
    {
        b"JavaScript",
        b"JS",
        b"Launch",
        b"EmbeddedFile",
        b"EmbeddedFiles",
        b"RichMedia",
        b"SubmitForm",
        b"ImportData",
    }
)
MAX_STREAM_BYTES = 32 * 1024 * 1024  # one object stream, decoded
MAX_TOTAL_BYTES = 64 * 1024 * 1024  # all object streams of one file together, decoded
MAX_STREAMS = 50_000  # a 1000-page report has some 10,000; more is a file built to keep a worker busy
MAX_OBJECT_STREAMS = 5_000  # ~100 objects each; a 1000-page report needs a few hundred

ACTIVE = "active"
ENCRYPTED = "encrypted"
UNCHECKABLE = "uncheckable"

# A name: "/" and the regular characters after it (ISO 32000-1, 7.2.2 and 7.3.5).
_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_FILTERS = {
    b"FlateDecode": "flate",
    b"Fl": "flate",
    b"LZWDecode": "lzw",
    b"LZW": "lzw",
    b"ASCIIHexDecode": "hex",
    b"AHx": "hex",
    b"ASCII85Decode": "a85",
    b"A85": "a85",
    b"RunLengthDecode": "rl",
    b"RL": "rl",
}


class Uncheckable(Exception):
    """The content of an object stream cannot be seen (unknown filter, too large, broken)."""


def _unescape(name: bytes) -> bytes:
    return _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name) if b"#" in name else name


def _names(data: bytes) -> set[bytes]:
    return {_unescape(name) for name in set(_NAME.findall(data))}


def _normalized(text: bytes) -> bytes:
    """The text with every name's escapes decoded (for reading a stream's dictionary)."""
    if b"#" not in text:
        return text
    return _NAME.sub(lambda m: b"/" + _unescape(m.group(1)), text)


def _int(dictionary: bytes, key: bytes, default: int) -> int:
    match = re.search(rb"/" + key + rb"\s+(\d+)(?!\s+\d+\s+R)", dictionary)
    return int(match.group(1)) if match else default


class _Budget:
    def __init__(self, total: int):
        self.left = total

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise Uncheckable("too large")

    def cap(self) -> int:
        return min(MAX_STREAM_BYTES, self.left)


def _flate(data: bytes, budget: _Budget) -> bytes:
    cap = budget.cap()
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, cap + 1)
    except zlib.error:
        # readers are lenient with a damaged end: keep what inflated
        inflater = zlib.decompressobj()
        out = b""
        for start in range(0, len(data), 4096):
            try:
                out += inflater.decompress(data[start : start + 4096], cap + 1 - len(out))
            except zlib.error:
                break
            if len(out) > cap:
                break
        if not out:
            raise Uncheckable("broken flate") from None
    if len(out) > cap or inflater.unconsumed_tail:
        raise Uncheckable("too large")
    return out


def _lzw(data: bytes, budget: _Budget, early_change: int) -> bytes:
    cap = budget.cap()
    out = bytearray()
    table = [bytes([i]) for i in range(256)] + [b"", b""]
    width, buffer, bits, previous = 9, 0, 0, b""
    for byte in data:
        buffer = (buffer << 8) | byte
        bits += 8
        while bits >= width:
            bits -= width
            code = (buffer >> bits) & ((1 << width) - 1)
            if code == 256:  # clear table
                table, width, previous = table[:258], 9, b""
                continue
            if code == 257:  # end of data
                return bytes(out)
            if code < len(table):
                entry = table[code]
                if previous:
                    table.append(previous + entry[:1])
            elif previous:
                entry = previous + previous[:1]
                table.append(entry)
            else:
                raise Uncheckable("broken lzw")
            out += entry
            if len(out) > cap:
                raise Uncheckable("too large")
            previous = entry
            if len(table) + early_change >= (1 << width) and width < 12:
                width += 1
    return bytes(out)


def _hex(data: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", data.split(b">", 1)[0])
    if len(digits) % 2:
        digits += b"0"
    try:
        return bytes.fromhex(digits.decode("ascii"))
    except ValueError as exc:
        raise Uncheckable("broken hex") from exc


def _a85(data: bytes) -> bytes:
    text = re.sub(rb"\s", b"", data.split(b"~>", 1)[0])
    try:
        return base64.a85decode(text.removeprefix(b"<~"))
    except ValueError as exc:
        raise Uncheckable("broken ascii85") from exc


def _run_length(data: bytes, budget: _Budget) -> bytes:
    cap, out, i = budget.cap(), bytearray(), 0
    while i < len(data) and data[i] != 128:
        length = data[i]
        if length < 128:
            out += data[i + 1 : i + 2 + length]
            i += 2 + length
        else:
            out += data[i + 1 : i + 2] * (257 - length)
            i += 2
        if len(out) > cap:
            raise Uncheckable("too large")
    return bytes(out)


def _unpredict(data: bytes, dictionary: bytes) -> bytes:
    """Undo a PNG predictor (10–15) or the TIFF predictor 2 for 8 bits per component."""
    predictor = _int(dictionary, b"Predictor", 1)
    if predictor < 2:
        return data
    colors = max(1, _int(dictionary, b"Colors", 1))
    bpc = max(1, _int(dictionary, b"BitsPerComponent", 8))
    columns = max(1, _int(dictionary, b"Columns", 1))
    pixel = max(1, colors * bpc // 8)
    row_length = (colors * bpc * columns + 7) // 8
    out = bytearray()
    if predictor == 2:
        if bpc != 8:
            raise Uncheckable("tiff predictor")
        for start in range(0, len(data), row_length):
            row = bytearray(data[start : start + row_length])
            for i in range(pixel, len(row)):
                row[i] = (row[i] + row[i - pixel]) & 0xFF
            out += row
        return bytes(out)
    previous = bytearray(row_length)
    for start in range(0, len(data), row_length + 1):
        kind, row = data[start], bytearray(data[start + 1 : start + 1 + row_length])
        for i in range(len(row)):
            left = row[i - pixel] if i >= pixel else 0
            up = previous[i]
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                up_left = previous[i - pixel] if i >= pixel else 0
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                nearest = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                row[i] = (row[i] + nearest) & 0xFF
        out += row
        previous = row + bytearray(row_length - len(row))
    return bytes(out)


def _decoded(body: bytes, dictionary: bytes, budget: _Budget) -> list[bytes]:
    """The stream's content after its filters (and, if a predictor is named, also before it)."""
    match = re.search(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]*|\d+\s+\d+\s+R)?", dictionary)
    if match is None:
        return [body]
    value = match.group(1) or b""
    if value.endswith(b"R") and not value.startswith((b"/", b"[")):
        raise Uncheckable("filter by reference")
    filters = [_FILTERS.get(name) for name in _NAME.findall(value)]
    if re.search(rb"\d+\s+\d+\s+R", value) or None in filters:
        raise Uncheckable("unknown filter")
    stages, data = [], body
    for kind in filters:
        if kind == "flate":
            data = _flate(data, budget)
        elif kind == "lzw":
            data = _lzw(data, budget, _int(dictionary, b"EarlyChange", 1))
        elif kind == "hex":
            data = _hex(data)
        elif kind == "a85":
            data = _a85(data)
        else:
            data = _run_length(data, budget)
        budget.take(len(data))
        if kind in ("flate", "lzw") and b"/Predictor" in dictionary:
            stages.append(data)
            data = _unpredict(data, dictionary)
    return [*stages, data]


def _streams(data: bytes):
    """(dictionary, body) of every stream; the dictionary with its names' escapes decoded."""
    position = 0
    while match := _STREAM.search(data, position):
        start = match.end()
        head = data[max(0, match.start() - 2048) : match.start()]
        dictionary = _normalized(head[head.rfind(b"obj") + 3 :] if b"obj" in head else head)
        length = _int(dictionary, b"Length", -1)
        end = -1
        if length >= 0 and data[start + length : start + length + 12].lstrip(b"\r\n").startswith(
            b"endstream"
        ):
            end = start + length
        if end < 0:
            end = data.find(b"endstream", start)
            end = len(data) if end < 0 else end
        yield dictionary, data[start:end]
        position = max(end, start)


def _holds_objects(dictionary: bytes) -> bool:
    return bool(re.search(rb"/Type\s*/ObjStm\b|/N\b|/First\b|/Extends\b", dictionary))


def pdf_problem(data: bytes) -> str | None:
    """None for a PDF without active content, else ACTIVE, ENCRYPTED or UNCHECKABLE."""
    names = _names(data)
    if names & ACTIVE_NAMES:
        return ACTIVE
    if b"Encrypt" in names:
        return ENCRYPTED
    budget, object_streams = _Budget(MAX_TOTAL_BYTES), 0
    try:
        for count, (dictionary, body) in enumerate(_streams(data)):
            if count >= MAX_STREAMS:
                raise Uncheckable("too many streams")
            if not _holds_objects(dictionary):
                continue
            object_streams += 1
            if object_streams > MAX_OBJECT_STREAMS:
                raise Uncheckable("too many object streams")
            for content in _decoded(body, dictionary, budget):
                if _names(content) & ACTIVE_NAMES:
                    return ACTIVE
    except Uncheckable:
        return UNCHECKABLE
    return None


def check_pdf(data: bytes, name: str) -> None:
    """A German ValidationError if the PDF carries active content or cannot be checked."""
    problem = pdf_problem(data)
    if problem == ACTIVE:
        raise ValidationError(
            f"„{name}“ enthält aktive Inhalte (JavaScript, automatisch startende Aktionen oder "
            "eingebettete Dateien) und wird deshalb nicht angenommen. Bitte speichern Sie das PDF "
            "ohne sie (z. B. als PDF/A-1 oder PDF/A-2) und laden Sie es erneut hoch.",
            code="active",
        )
    if problem == ENCRYPTED:
        raise ValidationError(
            f"„{name}“ ist verschlüsselt oder mit einem Kennwort geschützt; sein Inhalt lässt sich "
            "deshalb nicht prüfen. Bitte speichern Sie das PDF ohne Schutz und laden Sie es erneut hoch.",
            code="encrypted",
        )
    if problem == UNCHECKABLE:
        raise ValidationError(
            f"„{name}“ lässt sich nicht prüfen: Teile des PDFs sind ungewöhnlich verpackt oder wären "
            f"entpackt größer als {filesizeformat(MAX_TOTAL_BYTES)}. Bitte speichern Sie das PDF neu "
            "(z. B. als PDF/A) und laden Sie es erneut hoch.",
            code="uncheckable",
        )
