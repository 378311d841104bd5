"""Settings shared by every environment.

Only this package reads the environment. Every variable has an embedded default so that
`make run` works on a fresh machine with nothing set; production.py insists on the few
that must not have one.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VRAAGBAAK_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

INSTALLED_APPS = [
    # Our apps, in dependency order (see ARCHITECTURE.md).
    "kb",
    "gamification",
    "community",
    "search",
    "support",
    "insights",
    "vraagbaak",
    "csp",
    # Accounts.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Wagtail.
    "wagtail.contrib.forms",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtailmedia",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
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
    # Django.
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "vraagbaak.csp.PathPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Innermost, so that sessions, CSRF and messages see every response it serves.
    "vraagbaak.page_cache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "vraagbaak.urls"
WSGI_APPLICATION = "vraagbaak.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vraagbaak.context_processors.site",
            ],
        },
    },
]


# Database: SQLite in WAL mode by default; DATABASE_URL switches to PostgreSQL.
def _database(url: str | None) -> dict:
    if not url:
        url = f"sqlite:///{VAR_DIR / 'vraagbaak.sqlite3'}"
    config = dj_database_url.parse(url, conn_max_age=0, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock when a transaction starts, so two writers queue on
        # the busy timeout instead of failing with "database is locked" half-way through.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # No JIT: it compiled the search queries (their cost estimates pass jit_above_cost)
        # for ~20 ms each to save a fraction of that; a web request's queries are short.
        config.setdefault("OPTIONS", {})["options"] = "-c jit=off"
    return config


DATABASES = {"default": _database(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else process memory. Rate limits (allauth and ours)
# count in this cache, so it must never be the dummy backend.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "vraagbaak",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Logged-out visitors' pages (vraagbaak/page_cache.py): the pages live in the default cache;
# their tag versions must be shared by every worker process, so without Redis they live in
# files under var/ (one small read per tag per request).
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE_ENABLED", "1") == "1"
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_VERSIONS_ALIAS = "page_versions" if not REDIS_URL else "default"
if not REDIS_URL:
    CACHES["page_versions"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "page-versions"),
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Page types showing live figures (support's response times) always render fresh.
PAGE_CACHE_EXCLUDED_PAGE_TYPES = {"kb.ServicePromisePage"}

AUTH_USER_MODEL = "community.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# Without ?next a member lands on the home page of the language they logged in in
# (`vraagbaak.accounts.AccountAdapter`; the header's "Log in" link carries ?next= so they
# usually return to the page they came from).
LOGIN_REDIRECT_URL = "/"

# django-allauth: e-mail is the login, verified before the account can be used; a public
# username is chosen at sign-up for profile URLs and mentions. Rate limits stay at allauth's
# defaults (login_failed: 5 per 5 minutes per account, 10 a minute per IP).
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Vraagbaak] "
# Two-factor sign-in (allauth.mfa): an authenticator app (TOTP) plus recovery codes, which
# staff accounts are asked to enable (README "Security and reliability").
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Vraagbaak"
MFA_TOTP_TOLERANCE = 1  # accept the neighbouring 30-second code: phone clocks drift
ACCOUNT_DEFAULT_HTTP_PROTOCOL = os.environ.get("SITE_PROTOCOL", "http")
# Login limits key on vraagbaak.http.client_ip (the adapter), not on the proxy's address.
ACCOUNT_ADAPTER = "vraagbaak.accounts.AccountAdapter"

# Internationalisation: Dutch first, English second, every URL carries its language.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Short dates per language: always `|date:"SHORT_DATE_FORMAT"`, never "j M Y" (vraagbaak/formats).
FORMAT_MODULE_PATH = ["vraagbaak.formats"]
LANGUAGE_COOKIE_NAME = "vraagbaak_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
# The anonymous visitor cookie (vraagbaak.visitors): search logs and article feedback.
VISITOR_COOKIE_SECURE = os.environ.get("VISITOR_COOKIE_SECURE", "0") == "1"

# Behind a proxy (vraagbaak.http.client_ip): the client address for rate limits comes from
# X-Forwarded-For only when the direct peer is one of TRUSTED_PROXIES (comma-separated
# addresses or networks) or, with TRUSTED_PROXY_COUNT=N, from the N-th entry from the right.
TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()
]
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Static files and uploads.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end packages from npm (package.json; `make` runs `npm ci`), never copied into git.
    ("vendor/chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Let Django serve MEDIA_ROOT itself; production puts a web server or object store in front.
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "1") == "1"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Uploads above this are streamed to a temporary file instead of held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# E-mail: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Vraagbaak <klantenservice@example.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail.
WAGTAIL_SITE_NAME = "Vraagbaak"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = True
# No Gravatar: editors' avatars would be fetched from a third party (privacy, and the CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The admin would ask releases.wagtail.org for updates: we upgrade through pyproject.toml.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
# Product videos: wagtailmedia's library, limited to containers browsers play; the form base
# decodes each upload with PyAV and reads its duration and size from the file.
WAGTAILMEDIA = {
    "MEDIA_FORM_BASE": "kb.video_upload.VideoFormBase",
    "VIDEO_EXTENSIONS": ["mp4", "m4v", "webm"],
}
VIDEO_UPLOAD_MAX_BYTES = 200 * 1024 * 1024
# Wagtail's page preview is an iframe on our own origin.
X_FRAME_OPTIONS = "SAMEORIGIN"

# Content-Security-Policy (django-csp 4, vraagbaak.csp): strict for the site; the Wagtail
# admin adds only what its editor needs (its inline widget scripts, style attributes,
# data:/blob: previews).
_SELF, _NONE = "'self'", "'none'"
_BASE_CSP = {
    "default-src": [_SELF],
    "script-src": [_SELF],
    "style-src": [_SELF],
    "img-src": [_SELF, "data:"],
    "media-src": [_SELF],
    "font-src": [_SELF],
    "connect-src": [_SELF],
    "frame-src": [_SELF],
    "object-src": [_NONE],
    "base-uri": [_SELF],
    "frame-ancestors": [_SELF],
    "form-action": [_SELF],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _BASE_CSP}
CONTENT_SECURITY_POLICY_ADMIN = {
    "URL_PREFIXES": ("/admin/",),
    # Wagtail 8's date/time widgets and inline panels write small inline scripts whose
    # content varies per field (no fixed hash, no nonce support): the admin alone allows them.
    "DIRECTIVES": _BASE_CSP | {
        "script-src": [_SELF, "'unsafe-inline'"],
        "style-src": [_SELF, "'unsafe-inline'"],
        "img-src": [_SELF, "data:", "blob:"],
        "media-src": [_SELF, "blob:"],
        "worker-src": [_SELF, "blob:"],
    },
}

# Search (issue 6): our own index for shoppers (Wagtail's admin search above stays on the
# database). SEARCH_BACKEND=postgres shares one index between several web servers.
SEARCH_BACKENDS = {
    "whoosh": {
        "BACKEND": "search.backends.whoosh.WhooshBackend",
        "OPTIONS": {"path": str(VAR_DIR / "search")},
    },
    "postgres": {"BACKEND": "search.backends.postgres.PostgresBackend", "OPTIONS": {}},
}
SEARCH = SEARCH_BACKENDS[os.environ.get("SEARCH_BACKEND", "whoosh")]
# Suggestions while typing: requests per minute per visitor.
SEARCH_SUGGEST_RATE = int(os.environ.get("SEARCH_SUGGEST_RATE", "120"))
# Searches on the search page per minute per visitor (gamification.rates' "search" row; a
# load test from one address raises it).
SEARCH_PAGE_RATE = int(os.environ.get("SEARCH_PAGE_RATE", "60"))
# The empty search page lists a query as popular only once this many visitors searched it.
SEARCH_POPULAR_MIN_VISITORS = int(os.environ.get("SEARCH_POPULAR_MIN_VISITORS", "3"))
# Raw search, click and suggestion logs older than this are deleted by search.tasks
# (13 months: a year-on-year comparison still works).
LOG_RETENTION_DAYS = int(os.environ.get("LOG_RETENTION_DAYS", "395"))

# Background tasks (django-tasks): in-process by default so `make run` needs nothing else;
# TASKS_BACKEND=database queues them in the database for `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[os.environ.get("TASKS_BACKEND", "immediate")]
    }
}

# Avatars and post images: what an upload may be before we decode it.
IMAGE_UPLOAD_MAX_BYTES = 8 * 1024 * 1024
IMAGE_UPLOAD_MAX_PIXELS = 25_000_000
AVATAR_SIZE = 256

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Wagtail and the task runner log every page save and task at INFO.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# Community: how many posts of a new account wait for a moderator before the rest publish
# directly (0 turns first-post review off).
COMMUNITY_FIRST_POSTS_REVIEWED = int(os.environ.get("COMMUNITY_FIRST_POSTS_REVIEWED", "1"))
# This many open flags from trusted members (those with the named gamification privilege)
# hide a post until a moderator decides (0 turns it off).
COMMUNITY_FLAGS_TO_HIDE = int(os.environ.get("COMMUNITY_FLAGS_TO_HIDE", "3"))
COMMUNITY_TRUSTED_FLAGGER = "review_first_posts"
# Pictures in community posts are re-encoded at most this wide.
POST_IMAGE_MAX_WIDTH = 1200

# Community: a verified answer is due for a re-check (the re-verify queue) this many days
# after it was last verified (0 turns expiry off).
COMMUNITY_VERIFICATION_MAX_AGE_DAYS = int(
    os.environ.get("COMMUNITY_VERIFICATION_MAX_AGE_DAYS", "365")
)
