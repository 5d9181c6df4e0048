"""Lighthouse (mobile) scores of the public pages: performance, accessibility, best practices, SEO.

    (cd bench/lighthouse && npm ci)
    .venv/bin/python bench/lighthouse.py SITE [--pages / /thu-tuc/ ...]

SITE is the running site's address, as `scripts/dev` prints it.

Runs Lighthouse 13 (bench/lighthouse/package.json) on Debian's Chromium, headless, with its
default mobile emulation and throttling, once per page, against a site that is already running:
`scripts/dev` (the demo) or the production stack behind nginx. The default pages cover every
section of the demo; a legal document and a news article are found by following the first item
of their lists. Prints one line per page and the lowest score per category, with the audits
that cost points. Nothing is asserted; it reports (the issue's target: 100 everywhere).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = [
    "/",
    "/thu-tuc/",
    "/thu-tuc/1.001193/",
    "/thu-tuc/1.001193/in/",
    "/van-ban/",
    "/van-ban/het-hieu-luc/",
    "/tin-tuc/",
    "/kiem-tra/",
    "/kiem-tra/khac-phuc/",
    "/thong-ke/",
    "/tim-kiem/?q=lam+giay+khai+sinh+can+gi",
]
# A list and the pattern of its items' links: the first one is measured too.
FIRST_ITEMS = [
    ("/van-ban/", r'href="(/van-ban/(?!het-hieu-luc/)[\w-]+/)"'),
    ("/tin-tuc/", r'href="(/tin-tuc/(?!rss/|atom/|\d{4}/)[\w-]+/)"'),
]


def first_items(base: str) -> list[str]:
    found = []
    for list_path, pattern in FIRST_ITEMS:
        with urllib.request.urlopen(base + list_path, timeout=30) as response:
            html = response.read().decode()
        links = re.findall(pattern, html)
        if links:
            found.append(links[0])
    return found


def final_url(url: str) -> str:
    """The address after redirects (/van-ban/het-hieu-luc/ goes to the latest year)."""
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.geturl()


def audit(url: str, chromium: str, attempts: int = 3) -> dict:
    """One Lighthouse run; tried again when Chromium's trace fails (NO_NAVSTART happens)."""
    for attempt in range(1, attempts + 1):
        try:
            return run_lighthouse(url, chromium)
        except subprocess.CalledProcessError:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


def run_lighthouse(url: str, chromium: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
                "--chrome-flags=--headless=new --no-sandbox",
                "--output=json",
                f"--output-path={report}",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": chromium},
        )
        return json.loads(report.read_text())


def lost_points(result: dict) -> list[str]:
    """The audits of a category's score that did not pass, e.g. 'color-contrast 0'."""
    lost = []
    for category in result["categories"].values():
        for ref in category["auditRefs"]:
            audit_ = result["audits"][ref["id"]]
            if ref.get("weight") and audit_.get("score") is not None and audit_["score"] < 1:
                lost.append(f"{ref['id']} {audit_['score']}")
    return sorted(set(lost))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the running site's address, as scripts/dev prints it")
    parser.add_argument("--pages", nargs="*", help="paths to measure (default: every section)")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: run `npm ci` in bench/lighthouse", file=sys.stderr)
        return 2
    base = args.base.rstrip("/")
    pages = args.pages or [*PAGES, *first_items(base)]
    lowest = dict.fromkeys(CATEGORIES, 100)
    print(f"{'page':48} " + " ".join(f"{c[:13]:>13}" for c in CATEGORIES))
    for path in pages:
        result = audit(final_url(base + path), args.chromium)
        scores = {c: round(result["categories"][c]["score"] * 100) for c in CATEGORIES}
        for category, score in scores.items():
            lowest[category] = min(lowest[category], score)
        print(f"{path[:48]:48} " + " ".join(f"{scores[c]:>13}" for c in CATEGORIES))
        lost = lost_points(result)
        if lost:
            print(f"{'':4}points lost: {', '.join(lost)}")
    print(f"{'lowest':48} " + " ".join(f"{lowest[c]:>13}" for c in CATEGORIES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
