"""Search quality on the real data: success@1, success@3 and nDCG@10 per query kind.

    .venv/bin/python bench/search_eval.py [--sqlite PATH] [--postgres URL] [--no-rebuild]

Imports ../shared/data (2,000 procedures, 2,000 legal documents) with the project's own
importers into a throwaway SQLite file and, when --postgres (or EVAL_DATABASE_URL) names
one, a PostgreSQL database -- once: a database that already holds the procedures is reused
(the import takes minutes; keep it under /tmp). The search index is rebuilt with the current
builders (skip with --no-rebuild), then every query of bench/search_eval_queries.tsv is run
through the search service, as the search page does, and judged against its expected
procedure codes or document numbers. Also prints the median and 95th percentile latency of
those queries. Nothing is asserted: it reports.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared/data next to the checkout (or next to its parent, for a git worktree).
DATA = Path(
    os.environ.get("SHARED_DATA")
    or next(
        (p for p in (ROOT.parent / "shared" / "data", ROOT.parents[1] / "shared" / "data")
         if p.exists()),
        ROOT.parent / "shared" / "data",
    )
)  # fmt: skip
QUERIES = ROOT / "bench" / "search_eval_queries.tsv"
HOLDOUT = ROOT / "bench" / "search_eval_holdout.tsv"
PYTHON = sys.executable
DEFAULT_SQLITE = "/tmp/cchc-search-eval.sqlite3"


def load_queries(path: Path = QUERIES) -> list[tuple[str, str, list[str]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "kind\t")):
            continue
        kind, query, expected = line.split("\t")
        rows.append((kind, query, expected.split("|")))
    return rows


def manage(url: str, *args: str, quiet: bool = True) -> None:
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="portal.settings.dev")
    out = subprocess.DEVNULL if quiet else None
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, check=True, stdout=out)


def prepare(url: str, rebuild: bool) -> None:
    """Import the shared data unless the database already holds it; rebuild the index."""
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="portal.settings.dev")
    check = subprocess.run(
        [PYTHON, __file__, "--count", url], env=env, capture_output=True, text=True
    )
    count = int(check.stdout.strip() or 0) if check.returncode == 0 else 0
    if count < 1500:
        print(f"Importing {DATA} into {url} (minutes, once) ...", flush=True)
        manage(url, "migrate", "--noinput", "-v0")
        manage(url, "load_demo_content")
        for command, name in (
            ("import_procedures", "procedures.jsonl"),
            ("import_legal_documents", "legal_documents.jsonl"),
        ):
            manage(url, command, str(DATA / name), "--skip-invalid", "--no-progress")
    else:
        manage(url, "migrate", "--noinput", "-v0")
    manage(url, "load_search_vocabulary")
    if rebuild:
        print(f"Rebuilding the search index of {url} ...", flush=True)
        manage(url, "rebuild_search_index", "--engine", "database")


def setup_django():
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()


def count_procedures() -> int:
    setup_django()
    from procedures_catalog.models import ProcedurePage

    try:
        return ProcedurePage.objects.count()
    except Exception:
        return 0


def hit_answers(hit) -> set[str]:
    from search.text import normalize_document_number

    values = {hit.number, (hit.extra or {}).get("code", ""), (hit.extra or {}).get("number", "")}
    return {normalize_document_number(v) for v in values if v}


def evaluate(path: Path) -> dict:
    """Run every query in this process's database; per query: kind, ranks, latency."""
    setup_django()
    from search.engines.base import SearchQuery
    from search.service import run_search
    from search.text import normalize_document_number

    rows = []
    run_search(SearchQuery(text="khởi động"))  # load the in-memory columns once
    for kind, query, expected in load_queries(path):
        wanted = [normalize_document_number(e) for e in expected]
        started = time.perf_counter()
        results = run_search(SearchQuery(text=query, page_size=10))
        elapsed = time.perf_counter() - started
        ranks = []
        for rank, hit in enumerate(results.hits[:10], start=1):
            if hit_answers(hit) & set(wanted):
                ranks.append(rank)
        top = [h.title[:70] for h in results.hits[:3]]
        rows.append(
            {"kind": kind, "query": query, "ranks": ranks, "n_expected": len(set(wanted)),
             "ms": elapsed * 1000, "total": results.total, "top": top}
        )  # fmt: skip
    return {"rows": rows}


def ndcg(ranks: list[int], n_expected: int) -> float:
    dcg = sum(1 / math.log2(r + 1) for r in ranks)
    ideal = sum(1 / math.log2(r + 1) for r in range(1, min(n_expected, 10) + 1))
    return dcg / ideal if ideal else 0.0


def report(name: str, rows: list[dict], verbose: bool) -> None:
    by_kind = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row)
        by_kind["(all)"].append(row)
    everyday = [r for r in rows if r["kind"] != "catalogue"]
    by_kind["(everyday: all but catalogue)"] = everyday
    print(f"\n== {name}: {len(rows)} queries")
    print(f"{'kind':32} {'n':>4} {'success@1':>10} {'success@3':>10} {'nDCG@10':>8}")
    for kind, items in by_kind.items():
        s1 = sum(1 for r in items if r["ranks"] and r["ranks"][0] == 1) / len(items)
        s3 = sum(1 for r in items if r["ranks"] and r["ranks"][0] <= 3) / len(items)
        nd = statistics.fmean(ndcg(r["ranks"], r["n_expected"]) for r in items)
        print(f"{kind:32} {len(items):>4} {s1:>10.0%} {s3:>10.0%} {nd:>8.3f}")
    times = sorted(r["ms"] for r in rows)
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"latency of these queries: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms")
    misses = [r for r in rows if not r["ranks"] or r["ranks"][0] > 3]
    if misses:
        print(f"not in the top 3 ({len(misses)}):")
        for r in misses:
            print(f"  [{r['kind']}] {r['query']!r}: ranks {r['ranks']}, total {r['total']}")
            if verbose:
                for title in r["top"]:
                    print(f"      - {title}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", default=os.environ.get("EVAL_SQLITE", DEFAULT_SQLITE))
    parser.add_argument("--postgres", default=os.environ.get("EVAL_DATABASE_URL", ""))
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-rebuild", action="store_true")
    parser.add_argument(
        "--holdout", action="store_true", help="also run the held-out set (never tuned on)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show the top 3 of misses")
    parser.add_argument("--count", help=argparse.SUPPRESS)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--queries", default=str(QUERIES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count:
        print(count_procedures())
        return
    if args.worker:
        print(json.dumps(evaluate(Path(args.queries))))
        return
    if not (DATA / "procedures.jsonl").exists():
        sys.exit(f"No shared data at {DATA} (set SHARED_DATA).")
    targets = []
    if not args.no_sqlite:
        targets.append(("SQLite", f"sqlite:///{args.sqlite}"))
    if args.postgres:
        targets.append(("PostgreSQL", args.postgres))
    for name, url in targets:
        prepare(url, rebuild=not args.no_rebuild)
        env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="portal.settings.dev")
        env["LOG_LEVEL"] = "WARNING"
        sets = [("", QUERIES)] + ([(" (held-out set)", HOLDOUT)] if args.holdout else [])
        for label, path in sets:
            out = subprocess.run(
                [PYTHON, __file__, "--worker", url, "--queries", str(path)], env=env,
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            rows = json.loads(out.stdout.strip().splitlines()[-1])["rows"]
            report(name + label, rows, args.verbose)


if __name__ == "__main__":
    main()
