"""Production: PostgreSQL, Elasticsearch, Redis, configured by environment variables.

Refuses to start without a strong SECRET_KEY, without ALLOWED_HOSTS (or with "*"), without
PORTAL_BASE_URL, or with DEBUG switched on.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, EMAIL_URL, PORTAL_BASE_URL, SECRET_KEY, email_settings

if os.environ.get("DEBUG", "").lower() in {"1", "true", "yes", "on"}:
    raise ImproperlyConfigured("DEBUG must be off in production; unset the DEBUG variable.")
DEBUG = False

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
# A key anyone could guess signs anyone's session: refuse short, repetitive or known ones
# (Django's own deploy check asks for at least 50 characters and 5 different ones).
_WEAK_KEYS = {"test-only-not-secret", "changeme", "change-me", "secret", "secret-key"}
if (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith("django-insecure")
    or SECRET_KEY.lower() in _WEAK_KEYS
):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak for production: use at least 50 random characters, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names in production.")
if any("*" in host for host in ALLOWED_HOSTS):
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's hosts in production, not '*'.")
if not PORTAL_BASE_URL:
    raise ImproperlyConfigured(
        "PORTAL_BASE_URL must be the public address in production, e.g. https://cchc.example.gov.vn"
    )

if os.environ.get("ELASTICSEARCH_URL") and not os.environ.get("SEARCH_INDEX_PREFIX"):
    raise ImproperlyConfigured(
        "SEARCH_INDEX_PREFIX must be set with ELASTICSEARCH_URL in production (e.g. cchc-prod, "
        "cchc-staging), so that two environments on one cluster never share an index."
    )

if not EMAIL_URL:
    # Never print password-reset links into production logs: use the host's own MTA.
    globals().update(email_settings("smtp://localhost:25"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Media in object storage (S3 or any S3-compatible service); django-storages reads the
    # AWS_* variables (bucket, region, endpoint URL, credentials) from the environment.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    # Images (renditions) are linked from the storage's own host: allow it in the CSP.
    _media_host = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or os.environ.get("AWS_S3_ENDPOINT_URL")
    if _media_host:
        _media_origin = _media_host if "://" in _media_host else f"https://{_media_host}"
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_media_origin)  # noqa: F405

# X-Forwarded-Proto and X-Forwarded-For are believed only from TRUSTED_PROXIES (by default
# the proxy on the same host); base.middleware drops them from anyone else.
TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1").split(",") if p.strip()
]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "true").lower() == "true"
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
