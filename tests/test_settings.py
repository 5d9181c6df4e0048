"""Production settings refuse unsafe configurations; the dev settings never fix a password."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STRONG_KEY = "kX9-vQ2_mZ7pL4sR8tY1wB6nD3fH0jG5cV2xA9eU7iO4qW1rT8yP3lK6zM0bN5"


def load_production_settings(**env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "PORTAL_BASE_URL"}
    }
    environment.update(env)
    environment["PYTHONPATH"] = f"{ROOT}:{ROOT / 'site'}"
    return subprocess.run(
        [sys.executable, "-c", "import portal.settings.production as s; print(s.DEBUG)"],
        env=environment,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = load_production_settings(ALLOWED_HOSTS="example.vn")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    "key", ["x" * 50, "short-Key-9", "django-insecure-" + "a1b2c3d4e5" * 5, "test-only-not-secret"]
)
def test_production_refuses_a_weak_secret_key(key):
    result = load_production_settings(SECRET_KEY=key, ALLOWED_HOSTS="a.vn")
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


@pytest.mark.parametrize("hosts", ["*", "cchc.example.vn,*", ".*"])
def test_production_refuses_any_host(hosts):
    result = load_production_settings(SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS=hosts)
    assert result.returncode != 0
    assert "not '*'" in result.stderr


def test_production_refuses_to_start_without_public_base_url():
    result = load_production_settings(SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="a.vn")
    assert result.returncode != 0
    assert "PORTAL_BASE_URL must be the public address" in result.stderr


def test_public_base_url_with_a_path_is_refused():
    result = load_production_settings(
        SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="a.vn", PORTAL_BASE_URL="https://a.vn/cchc"
    )
    assert result.returncode != 0
    assert "PORTAL_BASE_URL must look like" in result.stderr


def test_production_refuses_debug():
    result = load_production_settings(SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="a.vn", DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_starts_with_required_variables():
    result = load_production_settings(SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="a.vn")

    result = load_production_settings(
        SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="a.vn", PORTAL_BASE_URL="https://a.vn"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.django_db
def test_create_dev_users_prints_random_passwords(settings):
    from io import StringIO

    from django.core.management import call_command

    from home.roles import setup_roles

    setup_roles()
    settings.DEBUG = True
    first, second = StringIO(), StringIO()
    call_command("create_dev_users", stdout=first)
    call_command("create_dev_users", stdout=second)
    password = next(line.split()[1] for line in first.getvalue().splitlines() if "admin " in line)
    again = next(line.split()[1] for line in second.getvalue().splitlines() if "admin " in line)
    assert len(password) >= 12
    assert password != again
