"""The demo's data files (every app's demo_data/) read as a careful editor would write them:
valid JSON, JSON Lines or CSV, no year printed with a thousands separator ("năm 2.022"), no
doubled spaces, no step telling people the document list is "below" (it is above the steps).
"""

import csv
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    path for path in ROOT.glob("*/demo_data/*") if path.suffix in {".json", ".jsonl", ".csv"}
)
YEAR_WITH_SEPARATOR = re.compile(r"\bnăm [12]\.\d{3}\b")


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def read(path: Path) -> list:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return [json.loads(text)]
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return list(csv.DictReader(text.splitlines()))


def test_every_app_ships_its_demo_as_data():
    apps = {path.parent.parent.name for path in FILES}
    assert {"procedures_catalog", "legal_documents", "news", "inspections"} <= apps


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_demo_text_reads_correctly(path):
    texts = [text for record in read(path) for text in strings(record)]
    assert texts, f"{path.name} holds no text"
    for text in texts:
        assert not YEAR_WITH_SEPARATOR.search(text), text
        assert "  " not in text, f"doubled space: {text!r}"
        assert "bên dưới" not in text.lower() or "thành phần hồ sơ" not in text.lower(), text
