"""Settings shared by every environment.

Environment-specific values (database, search engine, cache, secrets) come from environment
variables, read here once; dev.py, test.py and production.py only adjust what differs.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

SITE_DIR = Path(__file__).resolve().parents[2]  # the `site/` folder
BASE_DIR = SITE_DIR.parent  # the repository root
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    # Shared building blocks (imports no domain app), then one app per thing the portal publishes.
    "base",
    # Login and page-password lockouts (see "Security" below).
    "axes",
    "home",
    "administrative_units",
    "agencies",
    "procedures_catalog",
    "legal_documents",
    "news",
    "inspections",
    "reform_statistics",
    "feedback",  # readers' feedback on every public page, triaged by the section's editors
    "reform_plans",
    "search",
    "api",  # the read-only public API (/api/v1/), after the apps it reads
    "corsheaders",
    "alerts",  # e-mail alerts on any list or search (double opt-in, daily digest)
    "admin_vi",  # the editor's guide; before Wagtail so its admin template fixes win
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "home.apps.UsersConfig",  # wagtail.users, keeping superusers out of administrators' reach
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # The client's address and scheme, from the proxy only if it is one of TRUSTED_PROXIES.
    "base.middleware.TrustedProxyMiddleware",
    # CORS for the API only (CORS_URLS_REGEX); first, so refusals get its headers too.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "base.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache-Control for the caching proxy; outside the session, locale and CSRF middleware.
    "base.cache.CacheHeadersMiddleware",
    "base.middleware.DatabaseOutageMiddleware",
    # Every parameter cleaned once (no NUL, no "²", sane lengths); then per-address limits.
    "base.middleware.ParameterCleaningMiddleware",
    "base.middleware.RateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
# SQLite (development, small sites): write-ahead log so readers never block the writer, and
# write transactions that take the lock when they begin and wait up to 20 s for it, instead of
# failing with "database is locked" when two editors submit at once.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_cache(url: str) -> dict:
    """The cache on Redis. Redis down: every page is still served, built without the cache
    (slower, no 500), and the failure is logged once a minute (base.outage.ReportedOnce)."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cchc"),
        "TIMEOUT": 300,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "portal.cache"
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    # django-axes first: a locked-out address or account is refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese interface: dates dd/mm/yyyy, numbers 2.084 and 83,93 (see portal/formats/vi).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["portal.formats"]
# The admin's Vietnamese: our own catalogues, one folder per upstream package (see the README),
# listed here so that Django finds them before the packages' own.
LOCALE_PATHS = sorted(path.parents[1] for path in (BASE_DIR / "locale").glob("*/vi/LC_MESSAGES"))

STATIC_URL = "/static/"
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# -- Security ---------------------------------------------------------------------------
# Addresses (or networks) of the caching proxies in front of gunicorn, comma-separated, e.g.
# TRUSTED_PROXIES=127.0.0.1,10.0.0.0/24. Only requests from these may set X-Forwarded-For
# and X-Forwarded-Proto; from anyone else those headers are dropped (base.middleware).
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]

# django-axes: after AXES_FAILURE_LIMIT wrong passwords (admin login or a page password) an
# account, and separately an address, is locked for AXES_COOLOFF_TIME. Unlock sooner with
# `manage.py axes_reset` (everything), `axes_reset_username NAME` or `axes_reset_ip ADDRESS`.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "base.middleware.client_ip"
AXES_LOCKOUT_CALLABLE = "base.throttling.lockout_response"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False

# Per-address limits on the expensive public GETs (django-ratelimit, counted in the cache):
# (name, path regex, rate). Generous for people, tight for scrapers; the proxy's cached
# answers are not counted.
RATE_LIMITS = [
    ("api", r"^/api/v1/", os.environ.get("RATE_LIMIT_API", "120/m")),
    ("suggest", r"^/tim-kiem/goi-y/", os.environ.get("RATE_LIMIT_SUGGEST", "240/m")),
    (
        "export",
        r"/xuat\.(csv|json)(\?|$)|[?&]dinh-dang=",
        os.environ.get("RATE_LIMIT_EXPORT", "30/m"),
    ),
    ("search", r"^/tim-kiem/", os.environ.get("RATE_LIMIT_SEARCH", "120/m")),
]
RATELIMIT_USE_CACHE = "default"
# A cache that cannot count (Redis down) lets requests through rather than refusing them all.
RATELIMIT_FAIL_OPEN = True

# Where refusals (bad parameters, rate limits) are JSON instead of the site's 400 page.
PORTAL_JSON_ERROR_PREFIXES = ("/api/v1/",)

# The public API may be read from any web page (django-cors-headers): GET only, no cookies.
CORS_URLS_REGEX = r"^/api/v1/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
# Feedback posts (feedback/views.py), per address: every rate applies. Not tighter: mobile
# networks put many readers behind one address.
FEEDBACK_RATE_LIMITS = [
    os.environ.get("RATE_LIMIT_FEEDBACK", "10/m"),
    os.environ.get("RATE_LIMIT_FEEDBACK_HOURLY", "60/h"),
]
# E-mail alerts: subscribe requests per client address, confirmation e-mails per address.
ALERTS_SUBSCRIBE_RATE = os.environ.get("RATE_LIMIT_ALERTS", "10/h")
ALERTS_ADDRESS_RATE = os.environ.get("RATE_LIMIT_ALERTS_ADDRESS", "3/h")

# Content-Security-Policy (django-csp): nothing inline, nothing from other hosts on public
# pages. The Wagtail admin still needs inline styles and scripts (see Wagtail's CSP notes),
# so base.security.SecurityHeadersMiddleware widens the policy under /admin/ only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube.com", "https://www.youtube-nocookie.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
CONTENT_SECURITY_POLICY_ADMIN_UPDATE = {
    "script-src": ["'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}
# The admin calls no other host: no Gravatar avatars (editors' e-mail hashes stay here), no
# release check from the browser.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# SAMEORIGIN, not DENY: Wagtail's live preview shows the page in a frame of the admin.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
CSRF_FAILURE_VIEW = "base.views.csrf_failure"

# Uploads: forms and legal texts are documents, not archives of the whole archive.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Every document download goes through Wagtail's serve view, which checks collection
# privacy and base.documents' page privacy; never a direct link to the storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "csv", "zip"]
# Every upload is checked by content and size (base.uploads): each accepted document type,
# and images fully decoded under a pixel limit (40 MP: about 160 MB of memory per decode).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "base.uploads.CheckedDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "base.uploads.CheckedImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]

# Background work (search and reference index updates) runs in the request by default; a
# deployment with a worker can point TASKS at another django-tasks backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# E-mail, from one URL (dj-email-url): "smtp://user:password@host:587?tls=true&timeout=10",
# "smtp://host:465?ssl=true", "console:" (printed, the default), "dummy:" (dropped).
# DEFAULT_FROM_EMAIL may also come from the URL (?_default_from_email=...).


def email_settings(url: str) -> dict:
    """Django's EMAIL_* settings from an EMAIL_URL, refusing schemes it does not know."""
    parsed = dj_email_url.parse(url)
    if "EMAIL_BACKEND" not in parsed:
        raise ImproperlyConfigured(f"EMAIL_URL: unknown scheme in {url.split(':')[0]!r}.")
    found = {key: value for key, value in parsed.items() if value not in (None, "")}
    # Workflow notifications are sent during the reviewer's request: a hung mail server must
    # not hang the admin.
    found.setdefault("EMAIL_TIMEOUT", 10)
    return found


EMAIL_URL = os.environ.get("EMAIL_URL", "")
globals().update(email_settings(EMAIL_URL or "console:"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL",
    globals().get("DEFAULT_FROM_EMAIL", "Cổng thông tin cải cách hành chính <no-reply@localhost>"),
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Cổng thông tin cải cách hành chính")
# The public base URL, `scheme://host[:port]` (e.g. https://cchc.dongthap.gov.vn): every
# absolute URL the site emits (feeds, sitemap, canonical, exports, e-mails) is built from it by
# base.public_url.absolute_url. Unset (development, tests) = the request's own host.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "").strip().rstrip("/")
if PORTAL_BASE_URL:
    _base = urlsplit(PORTAL_BASE_URL)
    if _base.scheme not in {"http", "https"} or not _base.hostname or _base.path:
        raise ImproperlyConfigured(
            f"PORTAL_BASE_URL must look like https://cchc.example.gov.vn, not {PORTAL_BASE_URL!r}"
        )
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL or os.environ.get(
    "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000"
)
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt")]  # the admin runs in Vietnamese only
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
# Page and document passwords are asked in Vietnamese, naming nothing of what they protect.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "password_required.html"  # noqa: S105 - a template
WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE = "password_required.html"  # noqa: S105
# Avatars are the admin's own default picture or an uploaded one, never fetched from Gravatar:
# the admin makes no request to another host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Slugs typed from a title are ASCII ("dang-ky-khai-sinh"); home.models.BasePage shortens them.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No English "What's new" banner linking to another site (admin_vi has the editor's guide).
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_USER_LOGIN_FORM = "admin_vi.forms.LoginForm"  # its password label translates
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
# Wagtail's own admin search keeps its database backend, folding queries so that editors find
# "12/QĐ-UBND" as "12 qd ubnd" and titles without diacritics; the public search is `search`.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "home.admin_search"}}

# The public search engine (the `search` app): Elasticsearch when ELASTICSEARCH_URL is set,
# otherwise the embedded database engine.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Index names differ per environment unless told otherwise (production requires the variable):
# cchc-dev, cchc-test... so two environments on one cluster never share an index.
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX") or "cchc-" + os.environ.get(
    "DJANGO_SETTINGS_MODULE", "portal.settings.dev"
).rsplit(".", 1)[-1].replace("_", "-")
# A default-secured Elasticsearch 8 cluster (search/engines/elasticsearch_config.py).
ELASTICSEARCH_CA_CERTS = os.environ.get("ELASTICSEARCH_CA_CERTS", "")
ELASTICSEARCH_SSL_FINGERPRINT = os.environ.get("ELASTICSEARCH_SSL_FINGERPRINT", "")
ELASTICSEARCH_API_KEY = os.environ.get("ELASTICSEARCH_API_KEY", "")
ELASTICSEARCH_USERNAME = os.environ.get("ELASTICSEARCH_USERNAME", "")
ELASTICSEARCH_PASSWORD = os.environ.get("ELASTICSEARCH_PASSWORD", "")
SEARCH_ELASTICSEARCH_TIMEOUT = os.environ.get("SEARCH_ELASTICSEARCH_TIMEOUT", "1.5")
ELASTICSEARCH_BULK_TIMEOUT = os.environ.get("ELASTICSEARCH_BULK_TIMEOUT", "120")
ELASTICSEARCH_BULK_RETRIES = os.environ.get("ELASTICSEARCH_BULK_RETRIES", "5")
ELASTICSEARCH_REPLICAS = os.environ.get("ELASTICSEARCH_REPLICAS", "1")

# The province this deployment serves (code from the vietnam-provinces package; 82 = Đồng Tháp).
PORTAL_PROVINCE_CODE = int(os.environ.get("PORTAL_PROVINCE_CODE", "82"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    # django-redis reports each ignored error with a traceback; base.outage says it once.
    "filters": {"cache_outage": {"()": "base.outage.ReportedOnce", "service": "cache"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail runs its background work through django-tasks; one line per task is noise.
        "django_tasks": {"level": "WARNING"},
        "portal.cache": {"filters": ["cache_outage"]},
    },
}

# Caching (base/cache.py, base/purging.py): how long the caching proxy may keep a public page
# (it is purged on publish; the limit bounds changes that no publish announces, such as a
# validity status reached by date), and the proxy Wagtail asks to purge what a change touched.
# base.purging drives Wagtail's frontend-cache backends itself, after commit and once per
# transaction; the wagtail.contrib.frontend_cache app is deliberately not installed, as its
# signal handlers would purge each page alone, at once, inside the publishing transaction.
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL", "")
PORTAL_SHARED_CACHE_SECONDS = int(
    os.environ.get("SHARED_CACHE_SECONDS", "3600" if FRONTEND_CACHE_PURGE_URL else "60")
)
# Without Redis, processes on one machine tell each other of changes through this file.
PORTAL_GENERATION_FILE = VAR_DIR / "content-generation"
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
