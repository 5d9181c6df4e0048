#!/usr/bin/env python
"""Django's command-line utility for the portal.

The project's configuration package `portal` lives in `site/`; that folder is put on the
import path here (and in wsgi.py, pytest and gunicorn) because a top-level package named
`site` would be shadowed by Python's own `site` module.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
