"""Fuzzing every public address and form: malformed input must never be a server error.

The targets are found, not listed: every URL pattern of config.urls (converters filled with
real and malformed values), every page of the demo content, every parameter a view reads
(`request.GET.get("…")` anywhere in ikz/) and every form on the pages visited, GET and POST.
Each request gets a seeded random mutation – NUL and other control characters, huge values,
Unicode digits, right-to-left text, broken UTF-8 (encoded surrogates), SQL and HTML snippets, empty
and repeated parameters, bodies in UTF-16, JSON and broken multipart. Any answer ≥ 500 fails the
test, and the failure lists every such request.

Every kind of page gets every payload and every raw value (each in one of the parameters) and
one mutation of each kind; every form gets each kind of body. Random mutations fill the rest of
the budget. FUZZ_SEED and FUZZ_REQUESTS (environment) change the seed and the number of requests
(say FUZZ_REQUESTS=5000 for a longer run).
"""

import os
import random
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SEED = int(os.environ.get("FUZZ_SEED", "20261129"))
REQUESTS = int(os.environ.get("FUZZ_REQUESTS", "1200"))
SKIP_PREFIXES = ("admin/", "static/", "media/")
MAX_PAGES_CRAWLED = 120
PAGES_PER_SHAPE = 3

# Values as a person or a bot might send them. Strings go through the client's URL encoding.
PAYLOADS = [
    "\x00", "a\x00b", "Bauhof\x00", "\x1b[31m", "\x7f", "\x08", "\r\n", "\t",
    "x" * 5000, "9" * 40, "-1", "0", "1.5", "1e9", "NaN", "null", "[]", "{}",
    "²", "٣", "１２", "௧௨", "Ⅻ", "½",
    "\u202eRTL\u202c", "مرحبا", "שלום", "\u200b", "\ufeff", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "🙂",
    "' OR 1=1 --", '"; DROP TABLE wagtailcore_page; --', "%", "_", "\\", "%%", "../../etc/passwd",
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{ 7*7 }}", "${7*7}",
    "", " ", "Zweckverband", "05111000", "bauen-planen", "oerv", "2025-03-01", "31.02.2025",
]  # fmt: skip
# Raw query-string pieces the client would not produce itself: invalid or overlong UTF-8,
# encoded surrogates, lone percent signs.
RAW_VALUES = ["%ED%A0%80", "%ED%BF%BF", "%FF%FE", "%C0%AF", "%", "%G0", "%00", "%E2%80%AE", "a%2500"]


def _shape(path: str) -> str:
    """The kind of page an address stands for: /kommunen/<ags>/<slug>/ is one kind."""
    segments = [s for s in path.split("?")[0].split("/") if s]
    head = segments[:2] if len(segments) > 2 else segments[:1]
    return "/".join(re.sub(r"\d+", "n", s) for s in head) + f"/{len(segments)}"


def _mutate(rng: random.Random) -> str:
    value = rng.choice(PAYLOADS)
    if rng.random() < 0.2:
        value = rng.choice(PAYLOADS) + value
    return value


class _Forms(HTMLParser):
    """The forms and same-site links of an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.links: list[str] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and (a.get("href") or "").startswith("/"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action"),
                "fields": {},
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "textarea", "button") and a.get("name"):
            if a.get("type") != "file":
                self._form["fields"].setdefault(a["name"], a.get("value") or "")
        elif self._form is not None and tag == "option" and a.get("value"):
            for name, value in self._form["fields"].items():
                if value == "":
                    self._form["fields"][name] = a["value"]  # a real choice for the select above
                    break

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _patterns(resolvers, prefix=""):
    for p in resolvers:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            yield from _patterns(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            yield route


def _read_parameters() -> set[str]:
    """Every query parameter a view of the portal reads by name."""
    root = Path(__file__).resolve().parent.parent / "ikz"
    names = set()
    for path in root.rglob("*.py"):
        if "tests" not in path.parts:
            names.update(re.findall(r"GET\.(?:get|getlist)\(\s*[\"'](\w+)[\"']", path.read_text()))
    return names


def _pattern_paths(rng: random.Random, samples: dict[str, list[str]]) -> list[str]:
    """Paths for every non-Wagtail pattern, converters filled with real and malformed values."""
    paths = []
    for route in _patterns(get_resolver().url_patterns):
        if route.startswith(SKIP_PREFIXES) or route.startswith("^"):
            continue
        for _ in range(3):
            path = re.sub(
                r"<(?:(\w+):)?(\w+)>",
                lambda m: quote(rng.choice(samples.get(m.group(1) or "str", samples["str"])), safe=""),
                route,
            )
            paths.append("/" + path)
    return sorted(set(paths))


@pytest.fixture
def demo_content(register, home_page, settings, tmp_path, faq_page_factory, edition_factory, member):
    """Realistic content: the register, library, services, projects, FAQ, newsletter, search index."""
    from ikz.hotline.demo import service_demo_setup
    from ikz.library.demo import library_demo_setup
    from ikz.projects.demo import projects_demo_setup
    from ikz.projects.services import partner_request_create
    from ikz.search.registry import search_reindex

    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.HOTLINE_MIN_FILL_SECONDS = 0
    library_demo_setup()
    service_demo_setup(home=home_page)
    projects_demo_setup()
    faq_page_factory(title="Was kostet ein Zweckverband?")
    edition_factory(title="Newsletter Juni")
    from ikz.core.taxonomy import TaskArea

    partner_request_create(
        user=member,
        municipality=member.memberships.first().municipality,
        task_area=TaskArea.objects.first(),
        title="Partner für Bauhof gesucht",
        description="Wir suchen eine Nachbargemeinde.",
    )
    search_reindex()


def _seed_urls() -> tuple[list[str], dict[str, list[str]]]:
    from wagtail.models import Page

    from ikz.municipalities.models import Municipality
    from ikz.projects.models import PartnerRequest, Project

    urls = ["/"]
    urls += [p.url for p in Page.objects.live().public().specific() if p.url]
    urls += [p.get_absolute_url() for p in Project.objects.published()[:15]]
    urls += [m.get_absolute_url() for m in Municipality.objects.order_by("ags")[::40]]
    ids = [str(pk) for pk in Project.objects.values_list("pk", flat=True)[:5]]
    ids += [str(pk) for pk in Page.objects.values_list("pk", flat=True)[:5]]
    ids += [str(pk) for pk in PartnerRequest.objects.values_list("pk", flat=True)[:2]]
    samples = {
        "int": [*ids, "0", "1", "9" * 12, "9" * 30, "007"],
        "str": [*ids, "05111000", "05358", "abc", "\x00", "²", "x" * 300, "%00", "'", "<b>", "..", "-"],
        "slug": ["bauhof", "a", "-", "x" * 300],
        "path": ["a/b", "x" * 100],
    }
    samples["str"] += [s.rsplit("/", 2)[-2] for s in urls if s.count("/") > 2][:10]  # real slugs and AGS
    return sorted(set(urls)), samples


def test_no_server_error_on_malformed_input(demo_content):
    rng = random.Random(SEED)
    client = Client(raise_request_exception=False)
    failures: list[str] = []
    sent = 0
    started = time.monotonic()

    def send(method: str, path: str, **kwargs) -> object:
        nonlocal sent
        sent += 1
        response = getattr(client, method)(path, **kwargs)
        if response.status_code >= 500:
            body = kwargs.get("data")
            shown = repr(body)[:200] if body is not None else ""
            failures.append(
                f"{method.upper()} {path[:300]} {kwargs.get('content_type', '')} {shown} → {response.status_code}"
            )
        return response

    # 1. Crawl: the demo's pages and every pattern, collecting forms and links.
    seed_urls, samples = _seed_urls()
    targets = seed_urls + _pattern_paths(rng, samples)
    forms: dict[tuple[str, str], dict] = {}
    seen: set[str] = set()
    queue = list(targets)
    per_shape: dict[str, int] = {}
    while queue and len(seen) < MAX_PAGES_CRAWLED + len(targets):
        path = queue.pop(0)
        if path in seen or path.startswith(("/admin", "/static", "/media", "/konto/abmelden")):
            continue
        if per_shape.get(_shape(path), 0) >= PAGES_PER_SHAPE:
            continue  # the 400 Körperschaften are one kind of page, not 400
        per_shape[_shape(path)] = per_shape.get(_shape(path), 0) + 1
        seen.add(path)
        response = send("get", path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(response.content.decode("utf-8", "replace"))
        for form in parser.forms:
            action = urlsplit(form["action"]).path if form["action"] else path
            forms.setdefault((form["method"], action), form["fields"])
        if len(seen) < MAX_PAGES_CRAWLED:
            queue.extend(link.split("#")[0] for link in parser.links if link.split("#")[0] not in seen)
    crawled_paths = sorted(p for p in seen if not p.startswith("/projekte/export"))
    by_shape: dict[str, list[str]] = {}
    for path in crawled_paths:
        by_shape.setdefault(_shape(path), []).append(path)
    shapes = sorted(by_shape)

    def pick() -> str:  # every kind of page equally often, whatever its number of pages
        return rng.choice(by_shape[rng.choice(shapes)])

    parameters = sorted(_read_parameters())
    assert forms, "no form found on the demo pages"

    # 2. Mutations. First every kind of page and every form gets every kind of input once –
    # every payload in some parameter of every kind of page, every odd body on every POST form –
    # then seeded random mutations until the budget is spent.
    get_forms = [(action, fields) for (method, action), fields in sorted(forms.items()) if method == "get"]
    post_forms = [(action, fields) for (method, action), fields in sorted(forms.items()) if method == "post"]
    odd_bodies = ["utf-16", "utf-32", "json", "multipart", "latin", "empty", "huge"]

    def param(path: str) -> None:
        names = rng.sample(parameters, k=min(len(parameters), rng.randint(1, 3)))
        query = [(n, _mutate(rng)) for n in names]
        if rng.random() < 0.3:
            query.append((names[0], _mutate(rng)))  # repeated parameter
        send("get", f"{path}?{urlencode(query)}")

    def raw(path: str) -> None:
        send("get", f"{path}?{rng.choice(parameters)}={rng.choice(RAW_VALUES)}&q={rng.choice(RAW_VALUES)}")

    def path_segment(path: str) -> None:
        segments = path.strip("/").split("/") if path.strip("/") else [""]
        i = rng.randrange(len(segments))
        value = rng.choice(RAW_VALUES) if rng.random() < 0.3 else quote(_mutate(rng), safe="")
        segments[i] = value or "%20"
        send("get", "/" + "/".join(segments) + "/")

    def get_form(action: str, fields: dict) -> None:
        data = dict(fields)
        for name in rng.sample(sorted(data), k=min(len(data), rng.randint(1, 2))) if data else []:
            data[name] = _mutate(rng)
        send("get", f"{action}?{urlencode(data)}")

    def post_form(action: str, fields: dict, multipart: bool) -> None:
        data = dict(fields)
        for name in rng.sample(sorted(data), k=min(len(data), rng.randint(1, 3))) if data else []:
            data[name] = _mutate(rng)
        if multipart:
            send("post", action, data=data)  # multipart, as the client sends by default
        else:
            send("post", action, data=urlencode(data), content_type="application/x-www-form-urlencoded")

    def post_odd(action: str, fields: dict, odd: str) -> None:
        body = urlencode(fields)
        if odd in ("utf-16", "utf-32"):
            send("post", action, data=body, content_type=f"application/x-www-form-urlencoded; charset={odd}")
        elif odd == "latin":
            send("post", action, data=body, content_type="multipart/form-data; charset=iso-8859-1")
        elif odd == "json":
            send("post", action, data='{"email": "\\u0000"}', content_type="application/json")
        elif odd == "multipart":
            send("post", action, data=b"--x\r\nbroken", content_type="multipart/form-data; boundary=x")
        elif odd == "empty":
            send("post", action, data="", content_type="application/x-www-form-urlencoded")
        else:
            send("post", action, data=dict.fromkeys(fields, "x" * 20000) or {"x": "x" * 20000})

    def every_payload(path: str) -> None:
        """Every payload and every raw value once on `path`, each in one of the read parameters."""
        for offset in range(0, len(PAYLOADS), len(parameters)):
            query = [(n, PAYLOADS[(offset + i) % len(PAYLOADS)]) for i, n in enumerate(parameters)]
            send("get", f"{path}?{urlencode(query)}")
        for offset in range(0, len(RAW_VALUES), len(parameters)):
            query = [f"{n}={RAW_VALUES[(offset + i) % len(RAW_VALUES)]}" for i, n in enumerate(parameters)]
            send("get", f"{path}?{'&'.join(query)}")

    for shape in shapes:
        path = rng.choice(by_shape[shape])
        every_payload(path)
        param(path)
        raw(path)
        path_segment(path)
    for action, fields in get_forms:
        get_form(action, fields)
    for action, fields in post_forms:
        post_form(action, fields, multipart=True)
        post_form(action, fields, multipart=False)
        for odd in odd_bodies:
            post_odd(action, fields, odd)
    covered = sent

    kinds = ["param", "raw", "path", "get_form", "post_form", "post_form", "post_odd"]
    while sent < REQUESTS:
        kind = rng.choice(kinds)
        if kind == "param":
            param(pick())
        elif kind == "raw":
            raw(pick())
        elif kind == "path":
            path_segment(pick())
        elif kind == "get_form" and get_forms:
            get_form(*rng.choice(get_forms))
        elif kind == "post_form" and post_forms:
            post_form(*rng.choice(post_forms), multipart=rng.random() < 0.5)
        elif kind == "post_odd" and post_forms:
            post_odd(*rng.choice(post_forms), rng.choice(odd_bodies))
    elapsed = time.monotonic() - started
    print(
        f"fuzz: {sent} requests ({covered} for the coverage of every kind), {len(forms)} forms, {len(crawled_paths)} addresses in {len(shapes)} kinds, seed {SEED}, {elapsed:.0f} s"
    )
    assert not failures, f"{len(failures)} of {sent} requests ended in a server error:\n" + "\n".join(
        failures
    )
