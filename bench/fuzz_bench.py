"""Fuzz figures: how many nasty requests the fuzz run sends, and how many got a 5xx, per database.

    .venv/bin/python bench/fuzz_bench.py [--postgres postgres://cchc:cchc@127.0.0.1:5432/cchc]

Runs tests/test_fuzz.py (every public URL pattern and parameter, Django's test client, demo
content) once on SQLite and, when a PostgreSQL URL is given (or TEST_DATABASE_URL is set),
once on PostgreSQL (pytest-django creates and drops its own test_<name> database), then
prints one line per database: targets, requests, 5xx, unescaped reflections, seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(database_url: str | None) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as report:
        path = report.name
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"DJANGO_SETTINGS_MODULE": "portal.settings.test", "FUZZ_REPORT": path})
    if database_url:
        env["DATABASE_URL"] = database_url
    started = time.monotonic()
    result = subprocess.run(
        [
            str(ROOT / ".venv/bin/pytest"),
            "-p",
            "no:xdist",
            "-q",
            "--create-db",
            "tests/test_fuzz.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - started
    try:
        figures = json.loads(Path(path).read_text())
    except (OSError, json.JSONDecodeError):
        figures = {
            "database": "postgresql" if database_url else "sqlite",
            "error": result.stdout[-2000:],
        }
    finally:
        Path(path).unlink(missing_ok=True)
    figures["seconds"] = round(seconds, 1)
    figures["passed"] = result.returncode == 0
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=os.environ.get("TEST_DATABASE_URL", ""))
    args = parser.parse_args()
    runs = [run(None)]
    if args.postgres:
        runs.append(run(args.postgres))
    header = ("database", "targets", "requests", "5xx", "reflected", "seconds")
    print("{:<11} {:>7} {:>8} {:>5} {:>9} {:>8}".format(*header))
    for figures in runs:
        if "error" in figures:
            print(f"{figures['database']:<11} failed to run:\n{figures['error']}")
            continue
        print(
            f"{figures['database']:<11} {figures['targets']:>7} {figures['requests']:>8} "
            f"{figures['server_errors']:>5} {figures['reflections']:>9} {figures['seconds']:>8}"
        )
        for line in figures.get("first_errors", []):
            print(f"    {line}")
    return 0 if all(f.get("passed") for f in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
