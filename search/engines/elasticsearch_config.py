"""How the portal connects to Elasticsearch: the settings, read and checked in one place.

`ELASTICSEARCH_URL` takes the forms operators write: `es:9200`, `http://es`,
`https://user:password@es.example`, or several nodes separated by commas
(`https://es1:9200,https://es2:9200`). A missing scheme means http, a missing port 9200;
credentials in the URL become basic auth. Anything else (an unknown scheme, a path, a port
that is not a number, nodes with different credentials) is refused with a message that says
what to write instead: at start-up by the system check `search.E001` (search/checks.py) and,
should a process start anyway, by the engine, whose failure the search service turns into the
database fallback with one log line.

The other settings (all optional, from environment variables in settings/base.py):
`ELASTICSEARCH_CA_CERTS` (path of the cluster's CA certificate, as ES 8 generates it),
`ELASTICSEARCH_SSL_FINGERPRINT` (SHA-256 of the cluster's certificate instead of a CA file),
`ELASTICSEARCH_API_KEY` (the encoded key) or `ELASTICSEARCH_USERNAME`/`_PASSWORD`,
`SEARCH_ELASTICSEARCH_TIMEOUT` (a search, default 1.5 s, no retry: the page falls back),
`ELASTICSEARCH_BULK_TIMEOUT` (index writes and rebuilds, default 120 s) with
`ELASTICSEARCH_BULK_RETRIES` (default 5: connection errors, timeouts, 429 and 50x),
`ELASTICSEARCH_REPLICAS` (number_of_replicas of a new index, default 1).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.conf import settings

DEFAULT_PORT = 9200
DEFAULT_SEARCH_TIMEOUT = 1.5
DEFAULT_BULK_TIMEOUT = 120.0
DEFAULT_BULK_RETRIES = 5
DEFAULT_REPLICAS = 1
EXAMPLE = "https://es.example:9200 (or es:9200, several separated by commas)"


class ConfigurationError(ValueError):
    """The Elasticsearch settings cannot work; the message says what to change."""


@dataclass
class ConnectionSettings:
    hosts: list[str]
    basic_auth: tuple[str, str] | None = None
    api_key: str | None = None
    ca_certs: str | None = None
    ssl_assert_fingerprint: str | None = None
    search_timeout: float = DEFAULT_SEARCH_TIMEOUT
    bulk_timeout: float = DEFAULT_BULK_TIMEOUT
    bulk_retries: int = DEFAULT_BULK_RETRIES
    replicas: int = DEFAULT_REPLICAS
    extra: dict = field(default_factory=dict)

    def client_options(self) -> dict:
        """Keyword arguments of `elasticsearch.Elasticsearch` (the search-time client)."""
        options: dict = {
            "hosts": self.hosts,
            "request_timeout": self.search_timeout,
            "max_retries": 0,
            "retry_on_timeout": False,
        }
        if self.api_key:
            options["api_key"] = self.api_key
        elif self.basic_auth:
            options["basic_auth"] = self.basic_auth
        if self.ca_certs:
            options["ca_certs"] = self.ca_certs
        if self.ssl_assert_fingerprint:
            options["ssl_assert_fingerprint"] = self.ssl_assert_fingerprint
        return options

    def bulk_options(self) -> dict:
        """Per-request options (`client.options(...)`) for writes and rebuilds."""
        return {
            "request_timeout": self.bulk_timeout,
            "max_retries": self.bulk_retries,
            "retry_on_timeout": True,
            "retry_on_status": (429, 502, 503, 504),
        }

    @property
    def key(self) -> tuple:
        """What identifies one client: the same settings share one connection pool."""
        return (
            tuple(self.hosts),
            self.basic_auth,
            self.api_key,
            self.ca_certs,
            self.ssl_assert_fingerprint,
            self.search_timeout,
        )


def parse_hosts(url: str) -> tuple[list[str], tuple[str, str] | None]:
    """The node URLs of `url` (scheme and port filled in) and the basic auth it carries."""
    hosts: list[str] = []
    auths: set[tuple[str, str]] = set()
    nodes = [part.strip() for part in (url or "").split(",")]
    if not any(nodes):
        raise ConfigurationError(f"ELASTICSEARCH_URL is empty; write e.g. {EXAMPLE}.")
    for node in nodes:
        if not node:
            raise ConfigurationError(
                f"ELASTICSEARCH_URL has an empty node between commas: {url!r}."
            )
        text = node if "://" in node else f"http://{node}"
        try:
            parts = urlsplit(text)
            port = parts.port or DEFAULT_PORT
        except ValueError as error:
            raise ConfigurationError(
                f"ELASTICSEARCH_URL node {_masked(node)!r} has no valid port ({error}); "
                f"write e.g. {EXAMPLE}."
            ) from None
        if parts.scheme not in ("http", "https"):
            raise ConfigurationError(
                f"ELASTICSEARCH_URL node {_masked(node)!r}: the scheme must be http or https, "
                f"not {parts.scheme!r}."
            )
        if not parts.hostname:
            raise ConfigurationError(
                f"ELASTICSEARCH_URL node {_masked(node)!r} names no host; write e.g. {EXAMPLE}."
            )
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            raise ConfigurationError(
                f"ELASTICSEARCH_URL node {_masked(node)!r} has a path or query; the portal "
                "talks to the node's root: write only scheme, host and port."
            )
        if parts.username or parts.password:
            auths.add((unquote(parts.username or ""), unquote(parts.password or "")))
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        hosts.append(f"{parts.scheme}://{host}:{port}")
    if len(auths) > 1:
        raise ConfigurationError(
            "ELASTICSEARCH_URL nodes carry different credentials; use one user for the cluster "
            "(or ELASTICSEARCH_USERNAME/ELASTICSEARCH_PASSWORD, or ELASTICSEARCH_API_KEY)."
        )
    return hosts, (auths.pop() if auths else None)


def _masked(node: str) -> str:
    """The node without its password, for messages and logs."""
    if "@" not in node:
        return node
    scheme, _, rest = node.rpartition("://")
    return f"{scheme + '://' if scheme else ''}***@{rest.rpartition('@')[2]}"


def _number(name: str, default, kind=float, minimum=0):
    raw = getattr(settings, name, None)
    if raw in (None, ""):
        return default
    try:
        value = kind(raw)
    except (TypeError, ValueError):
        raise ConfigurationError(f"{name} must be a number, not {raw!r}.") from None
    if value < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum}, not {raw!r}.")
    return value


def connection_settings() -> ConnectionSettings:
    """The settings as the client needs them; raises ConfigurationError with the reason."""
    hosts, auth = parse_hosts(getattr(settings, "ELASTICSEARCH_URL", ""))
    username = getattr(settings, "ELASTICSEARCH_USERNAME", "") or ""
    password = getattr(settings, "ELASTICSEARCH_PASSWORD", "") or ""
    if username or password:
        if auth:
            raise ConfigurationError(
                "Credentials are given twice: in ELASTICSEARCH_URL and in "
                "ELASTICSEARCH_USERNAME/ELASTICSEARCH_PASSWORD; keep one."
            )
        if not (username and password):
            raise ConfigurationError(
                "ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD go together; one is empty."
            )
        auth = (username, password)
    ca_certs = getattr(settings, "ELASTICSEARCH_CA_CERTS", "") or None
    if ca_certs and not os.path.isfile(ca_certs):
        raise ConfigurationError(
            f"ELASTICSEARCH_CA_CERTS names {ca_certs!r}, which is not a readable file "
            "(Elasticsearch 8 writes its CA to config/certs/http_ca.crt)."
        )
    fingerprint = getattr(settings, "ELASTICSEARCH_SSL_FINGERPRINT", "") or None
    if fingerprint:
        digits = fingerprint.replace(":", "").strip().lower()
        if len(digits) != 64 or any(c not in "0123456789abcdef" for c in digits):
            raise ConfigurationError(
                "ELASTICSEARCH_SSL_FINGERPRINT must be the certificate's SHA-256 fingerprint "
                "(64 hexadecimal digits, colons allowed)."
            )
        fingerprint = digits
    if (ca_certs or fingerprint) and not all(h.startswith("https://") for h in hosts):
        raise ConfigurationError(
            "ELASTICSEARCH_CA_CERTS or ELASTICSEARCH_SSL_FINGERPRINT is set but "
            "ELASTICSEARCH_URL is not https://: write https:// for a secured cluster."
        )
    return ConnectionSettings(
        hosts=hosts,
        basic_auth=auth,
        api_key=getattr(settings, "ELASTICSEARCH_API_KEY", "") or None,
        ca_certs=ca_certs,
        ssl_assert_fingerprint=fingerprint,
        search_timeout=_number(
            "SEARCH_ELASTICSEARCH_TIMEOUT", DEFAULT_SEARCH_TIMEOUT, minimum=0.05
        ),
        bulk_timeout=_number("ELASTICSEARCH_BULK_TIMEOUT", DEFAULT_BULK_TIMEOUT, minimum=1),
        bulk_retries=_number("ELASTICSEARCH_BULK_RETRIES", DEFAULT_BULK_RETRIES, kind=int),
        replicas=_number("ELASTICSEARCH_REPLICAS", DEFAULT_REPLICAS, kind=int),
    )
