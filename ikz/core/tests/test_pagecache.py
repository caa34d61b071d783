"""The page cache (ikz.core.pagecache, decision 0014): stored pages for anonymous visitors, stale the
moment their content changes, never shared with a member, forms that still pass the CSRF check."""

import gzip
import json
import re
import subprocess
import sys
import uuid

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import Client

from ikz.core.pagecache import current_version
from ikz.core.pagecache.csrf import PLACEHOLDER, _unmask

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/13"


def _redis_problem() -> str | None:
    try:
        import redis
    except ImportError:
        return "das Paket redis ist nicht installiert"
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as exc:
        return f"kein Redis unter {REDIS_URL} ({exc.__class__.__name__}); starten mit: redis-server --daemonize yes"
    return None


def _backend(kind: str, tmp_path) -> dict:
    if kind == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"pc-{uuid.uuid4()}"}
    if kind == "file":
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "pc"),
        }
    if problem := _redis_problem():
        pytest.skip(f"Redis-Test übersprungen: {problem}")
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "t",
    }


def _switch_on(settings, backend: dict) -> None:
    settings.CACHES = {**django_settings.CACHES, "pagecache": backend}
    settings.PAGE_CACHE_ENABLED = True
    caches["pagecache"].clear()


@pytest.fixture
def page_cache(settings, tmp_path):
    """The page cache switched on (local memory), empty."""
    _switch_on(settings, _backend("locmem", tmp_path))
    yield caches["pagecache"]
    caches["pagecache"].clear()


@pytest.fixture(params=["locmem", "file", "redis"])
def any_page_cache(request, settings, tmp_path):
    """The page cache on each backend it runs on: per process, files of one machine, shared Redis."""
    backend = _backend(request.param, tmp_path)
    _switch_on(settings, backend)
    yield backend
    caches["pagecache"].clear()


def _changed(capture, action):
    """Run `action` as committed work: on_commit callbacks (the version bump among them) run."""
    with capture(execute=True):
        return action()


def _token(response) -> str:
    return re.search(
        r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"', response.content.decode()
    ).group(1)


# --- Storing and serving --------------------------------------------------------------------------


def test_second_visitor_gets_the_stored_page(any_page_cache, client, home_page):
    first = client.get("/")
    second = Client().get("/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"] == "public, no-cache"
    assert second["ETag"] == first["ETag"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce" not in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"
    assert "Accept-Encoding" in second["Vary"]
    assert not second.cookies


def test_unchanged_page_answers_304_by_etag_and_by_date(page_cache, client, home_page):
    first = client.get("/")
    by_etag = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get("/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]


def test_changed_page_answers_200_to_the_old_validators(
    page_cache, client, home_page, django_capture_on_commit_callbacks
):
    first = client.get("/")
    _changed(django_capture_on_commit_callbacks, lambda: _publish_title(home_page, "Neue Startseite"))
    again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"], HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert again["X-Page-Cache"] == "miss"
    assert again["ETag"] != first["ETag"]
    assert client.get("/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 200


def test_gzip_from_the_cache(any_page_cache, client, home_page):
    plain = client.get("/")
    packed = Client().get("/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert packed["X-Page-Cache"] == "hit"
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content


def test_head_and_permanent_redirects_come_from_the_cache(page_cache, client, municipality_factory):
    municipality = municipality_factory("05374016")
    first = client.get(f"/kommunen/{municipality.ags}/")
    second = Client().get(f"/kommunen/{municipality.ags}/")
    assert (first.status_code, second.status_code, second["X-Page-Cache"]) == (301, 301, "hit")
    assert second["Location"] == municipality.get_absolute_url()
    client.get(municipality.get_absolute_url())
    head = Client().head(municipality.get_absolute_url())
    assert (head.status_code, head["X-Page-Cache"]) == (200, "hit")


def test_switched_off_nothing_is_stored(settings, page_cache, client, home_page):
    settings.PAGE_CACHE_ENABLED = False
    assert not client.get("/").has_header("X-Page-Cache")
    assert not client.get("/").has_header("X-Page-Cache")


def test_search_is_stored_by_full_address_with_bounded_query(page_cache, client, home_page):
    assert client.get("/suche/?q=Zweckverband")["X-Page-Cache"] == "miss"
    assert client.get("/suche/?q=Zweckverband")["X-Page-Cache"] == "hit"
    assert client.get("/suche/?q=Bauhof")["X-Page-Cache"] == "miss"
    long_query = "/suche/?q=" + "Zweckverband+" * 100
    assert not client.get(long_query).has_header("X-Page-Cache")


def test_other_code_never_serves_a_stored_page(settings, page_cache, client, home_page):
    from ikz.core.pagecache import invalidation

    client.get("/")
    settings.PAGE_CACHE_RELEASE = "naechste-version"
    invalidation.release.cache_clear()
    try:
        assert client.get("/")["X-Page-Cache"] == "miss"
    finally:
        invalidation.release.cache_clear()


# --- Never shared ------------------------------------------------------------------------------------


def test_member_page_is_private_and_never_stored(page_cache, client, home_page, member):
    member_client = Client()
    member_client.force_login(member)
    own = member_client.get("/")
    assert not own.has_header("X-Page-Cache")
    assert "Abmelden" in own.content.decode()
    assert {"private", "no-store"} <= {p.strip() for p in own["Cache-Control"].split(",")}
    anonymous = client.get("/")
    assert anonymous["X-Page-Cache"] == "miss"  # the member's page was not stored
    assert "Abmelden" not in anonymous.content.decode()
    assert "Abmelden" in member_client.get("/").content.decode()  # nor the stored one served to them


def test_editor_never_gets_the_anonymous_page_nor_leaves_theirs(page_cache, client, home_page, editor):
    anonymous = client.get("/")
    editor_client = Client()
    editor_client.force_login(editor)
    theirs = editor_client.get("/")
    assert not theirs.has_header("X-Page-Cache")
    assert "Redaktion" in theirs.content.decode() and "Abmelden" in theirs.content.decode()
    assert Client().get("/").content == anonymous.content


def test_cookies_other_than_csrf_bypass_the_cache(page_cache, client, home_page):
    client.get("/")
    with_messages = Client()
    with_messages.cookies["messages"] = "irgendwas"
    assert not with_messages.get("/").has_header("X-Page-Cache")
    with_csrf_only = Client()
    with_csrf_only.cookies[django_settings.CSRF_COOKIE_NAME] = "a" * 32
    assert with_csrf_only.get("/")["X-Page-Cache"] == "hit"
    assert not Client().get("/", HTTP_AUTHORIZATION="Bearer x").has_header("X-Page-Cache")


def test_private_views_and_opted_out_pages_are_never_stored(page_cache, client, home_page):
    for path in ["/konto/anmelden/", "/hotline/"]:
        first, second = client.get(path), Client().get(path)
        assert second.get("X-Page-Cache") != "hit", path
        assert first.content != b"" and second.status_code == 200, path
    # the hotline form carries a single-use start token: two visitors never get the same
    assert _hotline_started(Client().get("/hotline/")) != _hotline_started(Client().get("/hotline/"))


def _hotline_started(response) -> str:
    return re.search(r'name="started" value="([^"]+)"', response.content.decode()).group(1)


# --- Forms on stored pages ----------------------------------------------------------------------


def test_form_on_a_stored_page_posts_for_another_visitor(any_page_cache, faq_page_factory):
    from ikz.faq.models import FAQFeedback

    page = faq_page_factory()
    first = Client(enforce_csrf_checks=True)
    first_page = first.get(page.url)
    first_secret = first.cookies[django_settings.CSRF_COOKIE_NAME].value
    assert first_page["X-Page-Cache"] == "miss"
    assert _unmask(_token(first_page)) == first_secret

    second = Client(enforce_csrf_checks=True)
    second_secret = "B" * 16 + "x" * 16
    second.cookies[django_settings.CSRF_COOKIE_NAME] = second_secret
    stored = second.get(page.url)
    assert stored["X-Page-Cache"] == "hit"
    assert _unmask(_token(stored)) == second_secret
    assert first_secret not in stored.content.decode()
    assert stored["Cache-Control"] == "private, no-cache"
    assert stored.cookies[django_settings.CSRF_COOKIE_NAME].value == second_secret

    answer = second.post(
        f"/faq/bewerten/{page.pk}/", {"helpful": "ja", "csrfmiddlewaretoken": _token(stored)}
    )
    assert answer.status_code == 302
    assert FAQFeedback.objects.get(page=page).helpful == 1
    # The visitor now has a session: their page says they voted, everybody else still gets the form.
    assert "Danke, Sie haben diese Antwort" in second.get(page.url).content.decode()
    third = Client(enforce_csrf_checks=True)
    fresh = third.get(page.url)
    assert fresh["X-Page-Cache"] == "hit"
    assert (
        "War diese Antwort hilfreich?" in fresh.content.decode()
        and "Danke, Sie haben" not in fresh.content.decode()
    )
    assert (
        third.post(
            f"/faq/bewerten/{page.pk}/", {"helpful": "nein", "csrfmiddlewaretoken": _token(fresh)}
        ).status_code
        == 302
    )
    assert FAQFeedback.objects.get(page=page).not_helpful == 1


def test_stored_form_page_holds_no_token(page_cache, client, faq_page_factory):
    from django.test import RequestFactory

    from ikz.core.pagecache.middleware import request_key

    page = faq_page_factory()
    client.get(page.url)
    body = page_cache.get(request_key(RequestFactory().get(page.url)))["body"]
    assert PLACEHOLDER in body
    assert not re.search(rb'name="csrfmiddlewaretoken" value="[A-Za-z0-9]{64}"', body)


def test_form_page_revalidates_only_with_the_same_secret(page_cache, faq_page_factory):
    page = faq_page_factory()
    visitor = Client()
    first = visitor.get(page.url)
    assert visitor.get(page.url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    other = Client()
    other.cookies[django_settings.CSRF_COOKIE_NAME] = "c" * 32
    assert other.get(page.url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


# --- Invalidation: each change that public pages show ---------------------------------------------


def _publish_title(page, title):
    page = page.specific
    page.title = title
    page.save_revision().publish()


def _stored(client, path) -> str:
    client.get(path)
    response = client.get(path)
    assert response["X-Page-Cache"] == "hit", path
    return response.content.decode()


def test_publishing_a_page(page_cache, client, home_page, django_capture_on_commit_callbacks):
    from wagtail.models import Page

    imprint = Page.objects.get(slug="impressum")
    assert "Impressum neu gefasst" not in _stored(client, imprint.url)
    _changed(django_capture_on_commit_callbacks, lambda: _publish_title(imprint, "Impressum neu gefasst"))
    assert "Impressum neu gefasst" in client.get(imprint.url).content.decode()


def test_unpublishing_a_page(page_cache, client, home_page, django_capture_on_commit_callbacks):
    from wagtail.models import Page

    imprint = Page.objects.get(slug="impressum").specific
    _stored(client, imprint.url)
    _changed(django_capture_on_commit_callbacks, imprint.unpublish)
    assert client.get(imprint.url).status_code == 404


def test_moving_a_page(page_cache, client, home_page, faq_page_factory, django_capture_on_commit_callbacks):
    from wagtail.models import Page

    page = faq_page_factory(title="Wer haftet im Zweckverband?")
    old_url = page.url
    assert "Wer haftet im Zweckverband?" in _stored(client, "/faq/")
    _stored(client, old_url)
    imprint = Page.objects.get(slug="impressum")
    _changed(django_capture_on_commit_callbacks, lambda: page.move(imprint, pos="last-child"))
    page.refresh_from_db()
    moved = client.get(old_url)  # Wagtail leaves a redirect at the old address
    assert (moved.status_code, moved["Location"]) == (301, page.url)
    assert "Wer haftet im Zweckverband?" in client.get(page.url).content.decode()
    assert "Wer haftet im Zweckverband?" not in client.get("/faq/").content.decode()


def test_approving_a_project(
    page_cache, client, register, project_factory, editor, smtp_server, django_capture_on_commit_callbacks
):
    from ikz.projects.models import ModerationStatus, Project
    from ikz.projects.services import project_approve

    project = project_factory(title="Gemeinsamer Bauhof Nordeifel", live=False)
    Project.objects.filter(pk=project.pk).update(moderation_status=ModerationStatus.SUBMITTED)
    assert "Gemeinsamer Bauhof Nordeifel" not in _stored(client, "/projekte/")
    _changed(django_capture_on_commit_callbacks, lambda: project_approve(project=project, user=editor))
    assert "Gemeinsamer Bauhof Nordeifel" in client.get("/projekte/").content.decode()


def test_changing_the_register(page_cache, client, municipality_factory, django_capture_on_commit_callbacks):
    municipality = municipality_factory("05374016")
    url = municipality.get_absolute_url()
    assert "Hückeswagen an der Wupper" not in _stored(client, url)

    def rename():
        municipality.name = "Hückeswagen an der Wupper"
        municipality.save()

    _changed(django_capture_on_commit_callbacks, rename)
    assert "Hückeswagen an der Wupper" in client.get(url, follow=True).content.decode()


def test_changing_the_library(page_cache, client, library_index, django_capture_on_commit_callbacks):
    from ikz.library.models import LibraryFolderPage, LiteraturePage

    folder = LibraryFolderPage.objects.get(slug="literatur")
    link = 'href="/wissen/literatur/handbuch-zweckverbandsrecht-beispiel/"'
    assert link not in _stored(client, folder.url)

    def publish():
        entry = LiteraturePage(
            title="Handbuch Zweckverbandsrecht (Beispiel)",
            slug="handbuch-zweckverbandsrecht-beispiel",
            external_id="test:pagecache:1",
        )
        folder.add_child(instance=entry)
        entry.save_revision().publish()

    _changed(django_capture_on_commit_callbacks, publish)
    assert link in client.get(folder.url).content.decode()


def test_changing_the_taxonomy(
    page_cache, client, register, project_factory, django_capture_on_commit_callbacks
):
    """A QuerySet.update() sends no model signal: the version changes at the cursor all the same."""
    from ikz.core.taxonomy import TaskArea

    project_factory(title="Bauhof Süd", task_areas=("bauhof",))
    assert "Betriebshöfe gemeinsam" not in _stored(client, "/projekte/")
    _changed(
        django_capture_on_commit_callbacks,
        lambda: TaskArea.objects.filter(slug="bauhof").update(name="Betriebshöfe gemeinsam"),
    )
    assert "Betriebshöfe gemeinsam" in client.get("/projekte/").content.decode()


def test_changing_the_settings(page_cache, client, home_page, django_capture_on_commit_callbacks):
    from wagtail.models import Site

    from ikz.core.models import PortalSettings

    assert "0211 987654" not in _stored(client, "/")

    def phone():
        portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
        portal.hotline_phone = "0211 987654"
        portal.save()

    _changed(django_capture_on_commit_callbacks, phone)
    assert "0211 987654" in client.get("/").content.decode()


def test_changing_faq_and_synonyms_renews_the_version(
    page_cache, faq_page_factory, django_capture_on_commit_callbacks
):
    from ikz.search.models import SearchSynonym

    before = current_version()
    _changed(
        django_capture_on_commit_callbacks, lambda: faq_page_factory(title="Was kostet ein Zweckverband?")
    )
    after_faq = current_version()
    _changed(
        django_capture_on_commit_callbacks,
        lambda: SearchSynonym.objects.create(term="IKZ-Testwort", expansions="Zweckverband"),
    )
    assert len({before, after_faq, current_version()}) == 3


def test_rolled_back_and_exempt_writes_keep_the_version(
    page_cache, home_page, django_capture_on_commit_callbacks
):
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction

    from ikz.core.models import PortalSettings

    before = current_version()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                PortalSettings.objects.update(hotline_phone="0000")
                raise RuntimeError
        except RuntimeError:
            pass
        session = SessionStore()
        session["x"] = 1
        session.save()
    assert current_version() == before


def test_reading_public_pages_keeps_the_version(
    page_cache, client, register, project_factory, faq_page_factory, django_capture_on_commit_callbacks
):
    """Otherwise every visit would empty the cache for everybody."""
    municipality = register["05374016"]
    project = project_factory(title="Bauhof Nord", municipalities=[municipality])
    faq = faq_page_factory()
    before = current_version()
    with django_capture_on_commit_callbacks(execute=True):
        for path in [
            "/",
            "/projekte/",
            project.get_absolute_url(),
            municipality.get_absolute_url(),
            faq.url,
            "/faq/",
            "/suche/?q=Bauhof",
            "/api/v1/search?q=Bauhof",
        ]:
            assert client.get(path, follow=True).status_code == 200, path
    assert current_version() == before


def test_a_change_in_another_process_reaches_this_one(any_page_cache, client, home_page):
    """Several gunicorn workers, the task worker, a second app server: the version is shared."""
    if any_page_cache["BACKEND"].endswith("LocMemCache"):
        pytest.skip("ein Cache im Speicher eines Prozesses ist nicht prozessübergreifend (nur für Tests)")
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    script = (
        "import django, json, sys; django.setup()\n"
        "from django.test.utils import override_settings\n"
        "from django.conf import settings\n"
        "backend = json.loads(sys.argv[1])\n"
        "with override_settings(CACHES={**settings.CACHES, 'pagecache': backend}):\n"
        "    from ikz.core.pagecache import bump\n"
        "    assert bump('anderer Prozess')\n"
    )
    subprocess.run(  # noqa: S603
        [sys.executable, "-c", script, json.dumps(any_page_cache)],
        check=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        cwd=django_settings.BASE_DIR,
        timeout=120,
    )
    assert client.get("/")["X-Page-Cache"] == "miss"
