"""Budgets of the public site: queries per page, catalogue scaling, the proxy, load.

    .venv/bin/python bench/site_bench.py [--duration 10] [--connections 64] [--workers 4]
    .venv/bin/python bench/site_bench.py --catalogue-only   # parts 1 and 2 only

On a shared machine, STACK_PORTS=8170-8179 keeps its servers on those ports.

Builds two throw-away sites under var/bench/ with `portal.settings.production` on SQLite:
the demo content (26 procedures) and the demo plus the 2,000 real procedures of
../shared/data/procedures.jsonl (generated ones when that file is missing); they are kept
for the next run (--fresh rebuilds them). Then prints:

1. SQL queries of a procedure, legal document, news article and inspection page and of the
   catalogue index, on both sites, warm (shared fragments in Django's cache), against the
   budget of 12;
2. the catalogue index's time with 2,000 procedures over its time with 26 (budget 1.3x),
   warm and cold (Django's cache emptied before every request);
3. requests/s of a page cached by Varnish (deploy/varnish/portal.vcl) and of nginx serving
   the same HTML as a static file, measured in one run with wrk, and their ratio (budget:
   at least 50%);
4. the uncached application (gunicorn, --workers) under --connections concurrent
   connections for --duration seconds over a mix of pages: requests/s, latency
   percentiles and errors (budget: none).

Nothing is asserted; it reports. Needs Debian's varnish, nginx and wrk.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.stack import Stack  # noqa: E402

DATA = Path(os.environ.get("SHARED_DATA", ROOT.parent / "shared" / "data"))
BUDGET_QUERIES = 12
KINDS = ("procedure", "legal_document", "news", "inspection", "catalogue")

# wrk reports its figures as JSON through this script; `paths` rotates over a mix of pages.
WRK_LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1], {
    ["Host"] = "localhost", ["Accept-Encoding"] = "gzip, deflate, br"})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "bytes": %%d, "seconds": %%f, "connect": %%d, "read": %%d, "write": %%d, ' ..
    '"status": %%d, "timeout": %%d, "p50": %%f, "p90": %%f, "p95": %%f, "p99": %%f, ' ..
    '"max": %%f}\\n',
    summary.requests, summary.bytes, summary.duration / 1e6, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50) / 1e3, latency:percentile(90) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3))
end
"""

IN_PROCESS = """
import json, statistics, time
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from inspections.models import InspectionPage
from legal_documents.models import LegalDocumentPage
from news.models import NewsPage
from procedures_catalog.models import ProcedurePage

client = Client(HTTP_HOST="localhost")
urls = {
    "procedure": ProcedurePage.objects.live().order_by("pk").first().url,
    "legal_document": LegalDocumentPage.objects.live().order_by("pk").first().url,
    "news": NewsPage.objects.live().order_by("pk").first().url,
    "inspection": InspectionPage.objects.live().order_by("pk").first().url,
    "catalogue": "/thu-tuc/",
}
counts = {}
for kind, url in urls.items():
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    counts[kind] = len(queries)

def timed(clear, rounds=15):
    times = []
    for _ in range(rounds):
        if clear:
            cache.clear()
        start = time.perf_counter()
        assert client.get("/thu-tuc/").status_code == 200
        times.append(time.perf_counter() - start)
    return statistics.median(times)

timed(False, 3)
print("RESULT " + json.dumps({
    "procedures": ProcedurePage.objects.live().count(),
    "urls": urls,
    "queries": counts,
    "catalogue_warm": timed(False),
    "catalogue_cold": timed(True, 7),
}))
"""


def generated_procedures(path: Path, count: int) -> None:
    """Procedures in the import format when the real data is missing."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(
                json.dumps(
                    {
                        "code": f"9.{n:06d}",
                        "name": f"Thủ tục thử nghiệm số {n}",
                        "field": f"Lĩnh vực {n % 60}",
                        "level": "Cấp tỉnh, Cấp xã",
                        "agency": f"Cơ quan {n % 90}",
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )


def build_sites(workdir: Path, fresh: bool, procedures: int) -> tuple[Stack, Stack]:
    if fresh and workdir.exists():
        shutil.rmtree(workdir)
    small = Stack(workdir / "small")
    for kept in (small, Stack(workdir / "large")):
        if (kept.workdir / "db.sqlite3").exists():
            kept.prepare()  # the code may have moved on since: migrate, collect static files
    if not (small.workdir / "db.sqlite3").exists():
        print(f"Building the demo site in {small.workdir} (a few minutes)...", flush=True)
        small.prepare()
        small.manage("load_demo_content", proxy=False)
    large = Stack(workdir / "large")
    if not (large.workdir / "db.sqlite3").exists():
        print(f"Adding {procedures} procedures in {large.workdir} (a few minutes)...", flush=True)
        shutil.copy(small.workdir / "db.sqlite3", large.workdir / "db.sqlite3")
        shutil.copytree(small.workdir / "static", large.workdir / "static", dirs_exist_ok=True)
        source = DATA / "procedures.jsonl"
        if not source.exists():
            source = large.workdir / "generated.jsonl"
            generated_procedures(source, procedures)
        large.manage(
            "import_procedures", str(source), "--skip-invalid", "--no-progress", proxy=False
        )
    return small, large


def in_process(stack: Stack) -> dict:
    output = stack.shell(IN_PROCESS)
    return json.loads(next(line for line in output.splitlines() if line.startswith("RESULT "))[7:])


def wrk(url: str, paths: list[str], duration: int, connections: int, workdir: Path) -> dict:
    script = workdir / "bench.lua"
    script.write_text(WRK_LUA % ", ".join(json.dumps(p) for p in paths))
    threads = min(4, connections)
    output = subprocess.run(
        [
            shutil.which("wrk") or "/usr/bin/wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "30s",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    result["errors"] = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--procedures", type=int, default=2000, help="when generating")
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--fresh", action="store_true", help="rebuild the sites")
    parser.add_argument(
        "--catalogue-only",
        action="store_true",
        help="only 1 and 2 (queries, catalogue scaling): no proxy, nginx or load",
    )
    args = parser.parse_args()
    for tool in () if args.catalogue_only else ("varnishd", "nginx", "wrk"):
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
            sys.exit(f"{tool} is missing: apt-get install varnish nginx wrk")

    small, large = build_sites(args.workdir, args.fresh, args.procedures)

    print("\n1. SQL queries per page (warm; budget 12)")
    few, many = in_process(small), in_process(large)
    print(f"   {'page':<16}{few['procedures']:>8} proc.{many['procedures']:>8} proc.")
    for kind in KINDS:
        a, b = few["queries"][kind], many["queries"][kind]
        flag = "" if max(a, b) <= BUDGET_QUERIES else f"  over by {max(a, b) - BUDGET_QUERIES}"
        print(f"   {kind:<16}{a:>14}{b:>14}{flag}")

    print("\n2. Catalogue index /thu-tuc/ (median; budget 1.3x)")
    for state in ("warm", "cold"):
        a, b = few[f"catalogue_{state}"], many[f"catalogue_{state}"]
        print(
            f"   {state}: {a * 1000:7.1f} ms with {few['procedures']}, "
            f"{b * 1000:7.1f} ms with {many['procedures']}: {b / a:.2f}x"
        )

    if args.catalogue_only:
        return
    stack = large
    try:
        stack.start_gunicorn(workers=args.workers)
        stack.start_varnish(memory="256m")
        page = many["urls"]["procedure"]
        stack.get(stack.proxy_port, page)
        _, headers, html = stack.get(stack.proxy_port, page)
        assert headers["X-Cache"] == "HIT", "the page is not cached by Varnish"
        static_root = stack.workdir / "nginx-root"
        static_root.mkdir(exist_ok=True)
        (static_root / "page.html").write_text(html, encoding="utf-8")
        # Browsers ask for gzip, so both servers send stored compressed bytes: Varnish
        # keeps the page gzipped (do_gzip in the VCL), nginx its .gz twin (gzip_static).
        (static_root / "page.html.gz").write_bytes(gzip.compress(html.encode(), 6))
        stack.start_nginx(static_root)

        print(f"\n3. A cached page ({page}) through Varnish vs. nginx serving it as a file")
        print(f"   ({args.connections} connections, {args.duration} s each, one run)")
        proxy = wrk(
            stack.url(stack.proxy_port),
            [page],
            args.duration,
            args.connections,
            stack.workdir,
        )
        nginx = wrk(
            stack.url(stack.nginx_port),
            ["/page.html"],
            args.duration,
            args.connections,
            stack.workdir,
        )
        for name, run in (("Varnish", proxy), ("nginx  ", nginx)):
            print(
                f"   {name}: {run['rps']:10.0f} req/s, "
                f"{run['bytes'] / max(run['requests'], 1):,.0f} bytes each, "
                f"p50 {run['p50']:.1f} ms, "
                f"p95 {run['p95']:.1f} ms, errors {run['errors']}"
            )
        print(f"   ratio:   {proxy['rps'] / nginx['rps']:.0%} (budget at least 50%)")

        mix = [
            many["urls"]["procedure"],
            many["urls"]["legal_document"],
            many["urls"]["news"],
            many["urls"]["inspection"],
            "/thu-tuc/",
            "/thu-tuc/?cap=cap-tinh",
            "/",
            "/van-ban/",
            "/tin-tuc/",
        ]
        print(
            f"\n4. Uncached app: gunicorn ({args.workers} workers), {args.connections} "
            f"connections, {args.duration} s, {len(mix)} pages in turn"
        )
        load = wrk(
            stack.url(stack.app_port),
            mix,
            args.duration,
            args.connections,
            stack.workdir,
        )
        print(
            f"   {load['rps']:.1f} req/s, {load['requests']} requests; latency p50 "
            f"{load['p50']:.0f} ms, p90 {load['p90']:.0f} ms, p95 {load['p95']:.0f} ms, "
            f"p99 {load['p99']:.0f} ms, "
            f"max {load['max']:.0f} ms"
        )
        print(
            f"   errors: {load['errors']} (connect {load['connect']}, read {load['read']}, "
            f"write {load['write']}, HTTP status {load['status']}, timeout {load['timeout']})"
        )
    finally:
        stack.stop()


if __name__ == "__main__":
    start = time.monotonic()
    main()
    print(f"\n(bench took {time.monotonic() - start:.0f} s)")
