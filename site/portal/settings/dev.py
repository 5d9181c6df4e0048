"""Development: the embedded default (SQLite, local media, database search), DEBUG on."""

import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def _dev_secret_key():
    """A random key made once per checkout and kept in var/, never a fixed one in the code."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _dev_secret_key()

# Serve static files straight from the source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
