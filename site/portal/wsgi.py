"""WSGI entry point: `gunicorn --pythonpath site portal.wsgi`."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()

from search.service import check_at_startup  # noqa: E402 (needs the apps loaded)

check_at_startup()
