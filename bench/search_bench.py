"""Benchmark of the embedded search engine on a realistic corpus.

    .venv/bin/python bench/search_bench.py [--procedures 10000] [--legal 20000] [--news 5000]

Builds a fresh temporary SQLite database (or uses DATABASE_URL when --use-configured-db is
given), loads ~35,000 search documents (the real records in ../shared/data when present,
replicated with variations up to the counts; generated Vietnamese-like text otherwise), and
prints the index build time, the median and 95th percentile latency of a mix of queries
(with and without diacritics, numbers, codes, facets, deep pages, sort by date,
suggestions) and the peak memory. Nothing is asserted: it reports.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
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

SYLLABLES = [
    "cấp",
    "giấy",
    "phép",
    "đăng",
    "ký",
    "khai",
    "sinh",
    "kết",
    "hôn",
    "hộ",
    "tịch",
    "đất",
    "đai",
    "xây",
    "dựng",
    "thuế",
    "doanh",
    "nghiệp",
    "hồ",
    "sơ",
    "thủ",
    "tục",
    "hành",
    "chính",
    "chứng",
    "thực",
    "bản",
    "sao",
    "quyết",
    "định",
    "công",
    "bố",
    "sửa",
    "đổi",
    "bổ",
    "sung",
    "bãi",
    "bỏ",
    "ủy",
    "ban",
    "nhân",
    "dân",
    "tỉnh",
    "xã",
    "phường",
    "công",
    "dân",
    "tổ",
    "chức",
    "cá",
    "nhân",
    "lệ",
    "phí",
    "thời",
    "hạn",
    "giải",
    "quyết",
    "trực",
    "tuyến",
    "bưu",
    "chính",
    "tiếp",
    "nhận",
    "trả",
    "kết",
    "quả",
    "kiểm",
    "tra",
    "cải",
    "cách",
    "chỉ",
    "số",
    "hài",
    "lòng",
    "người",
    "dân",
]
FIELDS = ["Hộ tịch", "Đất đai", "Xây dựng", "Thuế", "Chứng thực", "Giáo dục", "Y tế", "Tư pháp"]
LEVELS = ["Cấp tỉnh", "Cấp xã", "Cấp bộ"]
CATEGORIES = ["Tin hoạt động", "Chỉ đạo điều hành", "Kết quả CCHC", "Hỏi đáp"]


def setup_django(use_configured_db: bool) -> str:
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    tmp = tempfile.mkdtemp(prefix="search-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["PORTAL_VAR_DIR"] = tmp
    if not use_configured_db:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "search", verbosity=0, skip_checks=True)
    return tmp


_VOCABULARY: list[str] = []


def vocabulary() -> list[str]:
    """Words with their natural frequency: every word of the real records, or a small pool."""
    if not _VOCABULARY:
        import re

        for record in load_jsonl("procedures.jsonl"):
            _VOCABULARY.extend(
                re.findall(r"\w+", " ".join([record["name"], *record.get("steps", [])[:2]]))
            )
        for record in load_jsonl("legal_documents.jsonl"):
            _VOCABULARY.extend(re.findall(r"\w+", record.get("title") or ""))
        _VOCABULARY.extend(SYLLABLES if not _VOCABULARY else [])
    return _VOCABULARY


def sentence(rng: random.Random, n: int) -> str:
    words = vocabulary()
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def load_jsonl(name: str) -> list[dict]:
    path = DATA / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def procedure_documents(count: int, rng: random.Random):
    from search.documents import SearchDocument

    records = load_jsonl("procedures.jsonl")
    for i in range(count):
        if records:
            r = records[i % len(records)]
            copy = i // len(records)
            code = r["code"] if copy == 0 else f"{r['code']}.{copy:02d}"
            title = r["name"] if copy == 0 else f"{r['name']} ({rng.choice(LEVELS).lower()})"
            docs = " ".join(d.get("name", "") for d in r.get("documents") or [])
            body = " ".join(r.get("steps") or []) + " " + docs
            field, level = r.get("field") or "", (r.get("level") or "").split(",")[0].strip()
            agency = r.get("agency") or r.get("competent_authority") or ""
        else:
            code, title = f"1.{i:06d}", sentence(rng, 8)
            body, field = sentence(rng, 120), rng.choice(FIELDS)
            level, agency = rng.choice(LEVELS), "Ủy ban nhân dân tỉnh"
        online = rng.choice(["Toàn trình", "Một phần", ""])
        yield SearchDocument(
            key=f"bench.procedure:{i}",
            kind="procedure",
            url=f"/thu-tuc/{code}/",
            title=title,
            number=code,
            summary=title,
            body=body[:20000],
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=i % 2000),
            facets={"field": field, "level": [level], "agency": [agency], "online": online},
            extra={"code": code, "field": field, "level": level, "online": online},
        )


def legal_documents(count: int, rng: random.Random):
    from search.documents import SearchDocument

    records = [r for r in load_jsonl("legal_documents.jsonl") if r.get("title")]
    for i in range(count):
        if records:
            r = records[i % len(records)]
            copy = i // len(records)
            number = r.get("number") or ""
            if copy and number:
                head, _, tail = number.partition("/")
                number = f"{head}{copy}/{tail}"
            title, kind_type = r["title"], r.get("type") or "Quyết định"
            issuer, status = r.get("issuer") or "", r.get("status") or ""
            issued = r.get("issued") or "2020-01-01"
        else:
            number = f"{i}/QĐ-UBND"
            title, kind_type = sentence(rng, 12), "Quyết định"
            issuer, status, issued = "UBND tỉnh", "Còn hiệu lực", "2021-05-01"
        try:
            date = datetime.date.fromisoformat(issued[:10])
        except ValueError:
            date = None
        yield SearchDocument(
            key=f"bench.legal:{i}",
            kind="legal_document",
            url=f"/van-ban/{i}/",
            title=title,
            number=number,
            summary=f"{kind_type} {number} của {issuer}: {title}",
            body=sentence(rng, 60),
            date=date,
            facets={
                "type": kind_type,
                "issuer": issuer,
                "status": status,
                "year": str(date.year) if date else "",
            },
            extra={"number": number, "type": kind_type, "status": status},
        )


def news_documents(count: int, rng: random.Random):
    from search.documents import SearchDocument

    for i in range(count):
        date = datetime.date(2018, 1, 1) + datetime.timedelta(days=i % 2900)
        category = rng.choice(CATEGORIES)
        yield SearchDocument(
            key=f"bench.news:{i}",
            kind="news",
            url=f"/tin-tuc/{i}/",
            title=sentence(rng, 10),
            summary=sentence(rng, 30),
            body=" ".join(sentence(rng, 25) for _ in range(12)),
            date=date,
            facets={"category": category, "year": str(date.year)},
            extra={"category": category},
        )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


SUMMARY = "BENCH-SUMMARY "


def run_child(args: list[str], env) -> dict:
    """Run this benchmark in a child process, echo its output, return its summary line."""
    import subprocess

    process = subprocess.Popen(
        [sys.executable, __file__, *args], env=env, stdout=subprocess.PIPE, text=True
    )
    summary = {}
    for line in process.stdout:
        if line.startswith(SUMMARY):
            summary = json.loads(line[len(SUMMARY) :])
        else:
            print(line, end="", flush=True)
    if process.wait():
        sys.exit(process.returncode)
    return summary


def print_side_by_side(summaries: dict[str, dict]) -> None:
    names = list(summaries)
    labels = list(next(iter(summaries.values()), {}))
    print("\n== Side by side, this run (median / p95 ms)")
    print(f"{'query type':<16}" + "".join(f"{name:>22}" for name in names))
    for label in labels:
        cells = []
        for name in names:
            median, p95 = summaries[name].get(label, (float("nan"), float("nan")))
            cells.append(f"{median:>10.1f} / {p95:>7.1f}   ")
        print(f"{label:<16}" + "".join(f"{c:>22}" for c in cells))
    print("Target: p95 < 50 ms (ALL and first round).")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--procedures", type=int, default=10_000)
    parser.add_argument("--legal", type=int, default=20_000)
    parser.add_argument("--news", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=5, help="repetitions of the query mix")
    parser.add_argument("--use-configured-db", action="store_true")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="then run the same benchmark on this PostgreSQL database (its search tables are "
        "rebuilt: never production), to print both engines' figures",
    )
    args = parser.parse_args()
    if args.postgres and not args.use_configured_db:
        rest = [f"--procedures={args.procedures}", f"--legal={args.legal}",
                f"--news={args.news}", f"--rounds={args.rounds}"]  # fmt: skip
        summaries = {}
        env = dict(os.environ, DATABASE_URL=args.postgres, BENCH_DATABASE_URL="")
        for name, extra, environment in (
            ("SQLite", [], None),
            ("PostgreSQL", ["--use-configured-db"], env),
        ):
            print(f"\n== {name}", flush=True)
            summaries[name] = run_child([*rest, *extra], environment)
        print_side_by_side(summaries)
        return

    tmp = setup_django(args.use_configured_db)
    from django.db import connection

    from search.engines.base import SearchQuery
    from search.engines.database import DatabaseEngine

    rng = random.Random(6)
    engine = DatabaseEngine()
    source = "real records from ../shared/data" if DATA.exists() else "generated text"
    print(f"Database: {connection.vendor} ({tmp}); corpus: {source}")

    def corpus():
        yield from procedure_documents(args.procedures, rng)
        yield from legal_documents(args.legal, rng)
        yield from news_documents(args.news, rng)

    started = time.perf_counter()
    count = engine.rebuild(corpus())
    build = time.perf_counter() - started
    print(f"Indexed {count:,} documents in {build:.1f} s ({count / build:,.0f} docs/s)")

    procedures = load_jsonl("procedures.jsonl")[:50]
    legal = [r for r in load_jsonl("legal_documents.jsonl") if r.get("number")][:50]
    codes = [p["code"] for p in procedures] or ["1.000001"]
    numbers = [r["number"] for r in legal] or ["1/QĐ-UBND"]
    fields = sorted({p.get("field") for p in procedures if p.get("field")}) or FIELDS

    mix: list[tuple[str, object]] = []
    for text in ["dang ky khai sinh", "giay phep xay dung", "khieu nai", "thu tuc", "ho tich",
                 "chung thuc ban sao", "quyet dinh cong bo", "le phi"]:  # fmt: skip
        mix.append(("no diacritics", SearchQuery(text=text)))
    for text in ["đăng ký khai sinh", "giấy phép xây dựng", "khiếu nại", "thủ tục hành chính",
                 "Hộ tịch", "chứng thực", "cải cách hành chính"]:  # fmt: skip
        mix.append(("diacritics", SearchQuery(text=text)))
    mix.append(("phrase", SearchQuery(text='"khai sinh"')))
    mix.append(("phrase", SearchQuery(text='"giấy phép" xây dựng')))
    for number in numbers[:8]:
        mix.append(("number", SearchQuery(text=number.lower())))
    for code in codes[:8]:
        mix.append(("code", SearchQuery(text=code)))
    for field in fields[:6]:
        mix.append(
            ("facets", SearchQuery(text="cap", kind=["procedure"], filters={"field": [field]}))
        )
    mix.append(
        ("facets", SearchQuery(text="", kind=["legal_document"], filters={"year": ["2020"]}))
    )
    mix.append(("facets", SearchQuery(text="quyết định", kind=["legal_document"])))
    mix.append(("deep page", SearchQuery(text="thu tuc", page=50)))
    mix.append(("deep page", SearchQuery(text="cai cach", page=200)))
    mix.append(("sort by date", SearchQuery(text="ho so", sort="date")))
    mix.append(("sort by date", SearchQuery(text="", kind=["news"], sort="date", page=10)))
    mix.append(("date range", SearchQuery(text="kiem tra", date_from=datetime.date(2021, 1, 1),
                                          date_to=datetime.date(2022, 12, 31))))  # fmt: skip
    suggestions = ["dang k", "giay ph", "khai s", "thủ tục đăng", "57/", "1.00", "cap gi", "ho t"]

    # The first search after an index change loads the in-memory columns (once per process).
    started = time.perf_counter()
    engine.search(SearchQuery(text="", kind=["news"]))
    print(f"First search after the rebuild (loads the columns): "
          f"{(time.perf_counter() - started) * 1000:.0f} ms")  # fmt: skip

    timings: dict[str, list[float]] = {}
    first_round: list[float] = []
    for round_number in range(args.rounds):
        for label, query in mix:
            started = time.perf_counter()
            engine.search(query)
            timings.setdefault(label, []).append((time.perf_counter() - started) * 1000)
            if round_number == 0:
                first_round.append(timings[label][-1])
        for prefix in suggestions:
            started = time.perf_counter()
            engine.suggest(prefix)
            timings.setdefault("suggestions", []).append((time.perf_counter() - started) * 1000)

    every = [t for values in timings.values() for t in values]
    print(f"\n{'query type':<16}{'n':>5}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}")
    for label, values in timings.items():
        print(
            f"{label:<16}{len(values):>5}{statistics.median(values):>11.1f}"
            f"{percentile(values, 0.95):>9.1f}{max(values):>9.1f}"
        )
    print(
        f"{'ALL':<16}{len(every):>5}{statistics.median(every):>11.1f}"
        f"{percentile(every, 0.95):>9.1f}{max(every):>9.1f}"
    )
    # Round one meets every text for the first time (no remembered full-text matches).
    print(
        f"{'first round':<16}{len(first_round):>5}{statistics.median(first_round):>11.1f}"
        f"{percentile(first_round, 0.95):>9.1f}{max(first_round):>9.1f}"
    )
    summary = {label: (statistics.median(v), percentile(v, 0.95)) for label, v in timings.items()}
    summary["ALL"] = (statistics.median(every), percentile(every, 0.95))
    summary["first round"] = (statistics.median(first_round), percentile(first_round, 0.95))
    print(SUMMARY + json.dumps(summary), flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPeak memory (max RSS): {peak:.0f} MB")
    print("Target: p95 < 50 ms for the mix above.")


if __name__ == "__main__":
    main()
