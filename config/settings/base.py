"""Settings shared by every environment.

Configuration comes from environment variables (see README.md, "Konfiguration"); the
defaults here give a portal that runs on SQLite with no server at all.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_admins(name: str) -> list[tuple[str, str]]:
    """ "Anna Beispiel <anna@example.org>, ops@example.org" → [("Anna Beispiel", "anna@…"), ("", "ops@…")]."""
    from email.utils import getaddresses

    return [(real, address) for real, address in getaddresses([os.environ.get(name, "")]) if "@" in address]


INSTALLED_APPS = [
    "ikz.core",
    "ikz.accounts",
    "ikz.municipalities",
    "ikz.library",
    "ikz.faq",
    "ikz.hotline",
    "ikz.newsletter",
    "ikz.projects",
    "ikz.search",
    "ikz.api",
    "ikz.assistant",
    "ikz.workshop",
    "ikz.contacts",
    "ikz.feeds",
    "ikz.events",
    "ikz.questions",
    "ikz.agreements",
    "ikz.funding",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "ikz.accounts.apps.WagtailUsersConfig",  # wagtail.users, nobody grants more than they hold
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Refuses control characters and foreign charsets before sessions, CSRF and views see them.
    "ikz.core.middleware.MalformedRequestMiddleware",
    # Compresses text responses (Django's BREACH padding included); cached pages arrive compressed.
    "ikz.core.pagecache.middleware.TextGZipMiddleware",
    # Anonymous pages from the page cache, before sessions, CSRF and auth run (decision 0014).
    "ikz.core.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "ikz.core.middleware.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Axes must come last: it turns a locked-out login into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
                "ikz.core.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite is the embedded default; set DATABASE_URL=postgres://... for PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "ikz.accounts.backends.EmailBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "ikz.accounts.passwords.SimilarityValidator"},  # German message
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"

# Login throttling (django-axes): lock an account after repeated failures, and lock an
# address that tries many accounts. The lock lifts by itself after AXES_COOLOFF_TIME.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "ikz.accounts.throttling.axes_username"  # case-insensitive, like login
# A success clears only the failures of the account that logged in, from that address –
# never those the address recorded against other accounts (see LoginLockHandler).
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "ikz.accounts.throttling.LoginLockHandler"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# The client address (ikz.accounts.throttling.client_ip_address, with django-ipware).
# PROXY_COUNT = number of trusted reverse proxies in front of the portal, each appending to
# X-Forwarded-For (nginx: $proxy_add_x_forwarded_for). With 0 the header is ignored, so a
# visitor cannot choose the address they are counted under; with n the client is the n-th
# entry from the right – entries further left are the client's own and never believed.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "ikz.accounts.throttling.client_ip_address"
AXES_VERBOSE = False

# Caches. "default": rate-limit counters and small things (per process here; production.py uses
# Redis when CACHE_URL is set). "pagecache": the page cache and its content version – it must be
# shared by every process that serves pages or writes content (web workers, task worker, commands),
# hence files on this machine, or Redis for several app servers (decision 0014).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pagecache": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / "var" / "pagecache")),
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
}
# PAGE_CACHE=0 serves every page rendered (writes still renew the content version).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
# Longest life of a stored page in seconds: bounds what depends on the clock ("seit 12 Monaten").
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))
# Identifies the deployed code in every page key (e.g. the commit); empty: a fingerprint of the files.
PAGE_CACHE_RELEASE = os.environ.get("IKZ_RELEASE", "")

# Internationalisation: everything a user reads is German.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch")]
WAGTAIL_CONTENT_LANGUAGES = [("de", "Deutsch")]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "ikz.core.files.TrackedFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Fields per request: the largest real forms (project form with 100 participants, the Wagtail
# group and project editors) stay well below; tests/test_form_roundtrip.py measures them.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2_000

# Background work runs through the tasks framework; the database worker
# (`manage.py db_worker`) executes it outside the request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# E-mail goes through Django's mail API over SMTP.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "IKZ-Portal NRW <redaktion@ikz-portal.nrw.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Operators who get a mail for every server error (500) and every mail given up after all
# retries: ADMINS="Name <address>, Other Name <address>" (a bare address is fine too).
ADMINS = env_admins("ADMINS")
MANAGERS = ADMINS
# Seconds between the attempts to deliver a mail (ikz.core.mail); after the last, it is given up.
MAIL_RETRY_DELAYS = [int(s) for s in env_list("MAIL_RETRY_DELAYS", "60,300,900,3600,10800,21600,43200")]
# Where the Redaktion is told about new membership requests.
IKZ_EDITORIAL_EMAIL = os.environ.get("IKZ_EDITORIAL_EMAIL", "redaktion@ikz-portal.nrw.example")

# Wagtail
WAGTAIL_SITE_NAME = "IKZ-Portal NRW"
# No Gravatar: it would send hashed e-mail addresses to a third party, and the CSP blocks it anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
PORTAL_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["docx", "odt", "pdf", "xlsx", "ods", "pptx", "odp", "txt", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Uploads are checked by content (ikz.library.uploads); every download is an attachment.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "ikz.library.forms.LibraryDocumentForm"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
# Every download goes through Django, where ikz.library.document_access decides who may have it
# (the web server must not serve MEDIA_ROOT/documents itself).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILADMIN_LOGIN_URL = "/admin/login/"

# Security defaults that hold everywhere; production.py tightens transport security.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy: nothing from another host, no inline script. Inline styles are
# allowed only as attributes the SVG map needs for its colours is avoided too: the map
# uses classes. The Wagtail admin ships inline styles, so style-src allows them there only.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The admin gets its own, slightly wider policy (see ikz.core.middleware): Wagtail's admin
# uses inline styles, but no inline scripts.
ADMIN_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)

# Service: hotline and newsletter (see docs/operations-service.md).
HOTLINE_OVERDUE_WORKING_DAYS = int(os.environ.get("HOTLINE_OVERDUE_WORKING_DAYS", "3"))
HOTLINE_RETENTION_DAYS = int(os.environ.get("HOTLINE_RETENTION_DAYS", "365"))
HOTLINE_ATTACHMENT_ROOT = Path(os.environ.get("HOTLINE_ATTACHMENT_ROOT", BASE_DIR / "private" / "hotline"))
NEWSLETTER_CONFIRMATION_DAYS = int(os.environ.get("NEWSLETTER_CONFIRMATION_DAYS", "7"))
# Events (ikz.events): days after an event until participants' personal data is deleted, and the
# days a registration waits for its confirmation.
EVENTS_RETENTION_DAYS = int(os.environ.get("EVENTS_RETENTION_DAYS", "90"))
EVENTS_CONFIRMATION_DAYS = int(os.environ.get("EVENTS_CONFIRMATION_DAYS", "7"))

# Django's own default logging stays in force below this: its "django" logger mails every server
# error (django.request, 500) to ADMINS when DEBUG is off (handler mail_admins). Mails given up
# after all retries are logged at ERROR by ikz.core.mail and mailed to ADMINS as well.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Wagtail logs every page action at INFO, django_tasks every task run: keep the console readable.
    "loggers": {
        "axes": {"level": "WARNING"},
        "wagtail": {"level": os.environ.get("LOG_LEVEL_WAGTAIL", "WARNING")},
        "django_tasks": {"level": os.environ.get("LOG_LEVEL_TASKS", "WARNING")},
    },
}
