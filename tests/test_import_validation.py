"""Both importers check every field in the check phase: a bad value of any kind is reported
with its line and field, --skip-invalid skips exactly those lines, and no raw traceback."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from legal_documents.models import LegalDocumentPage
from procedures_catalog.models import ProcedurePage

pytestmark = pytest.mark.django_db

PROCEDURE = {"name": "Thủ tục thử", "field": "Hộ tịch", "levels": ["cap_xa"]}
BAD_PROCEDURES = [
    ({"online_url": "javascript:alert(1)"}, "online_url"),
    ({"source_url": "khong phai dia chi"}, "source_url"),
    ({"online_url": "https://dichvucong.gov.vn/" + "a" * 600}, "online_url"),
    ({"name": "Tên\x00có NUL"}, "name"),
    ({"channels": [{"mode": "truc_tiep", "time_limit": "NaN"}]}, "time_limit"),
    ({"channels": [{"mode": "truc_tiep", "fee_amount": "1e30"}]}, "fee_amount"),
    ({"channels": [{"mode": "truc_tiep", "time_limit": "123456789"}]}, "time_limit"),
    ({"number_of_sets": "²"}, "number_of_sets"),
    ({"steps": [{"title": "B1", "description": "Nộp\x00"}]}, "steps[1].description"),
    ({"legal_basis": [{"number": "57/QĐ\x00", "title": ""}]}, "legal_basis[1].number"),
]


def write(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def run(command, path, *args):
    out, err = _Buffer(), _Buffer()
    call_command(command, str(path), *args, stdout=out, stderr=err)
    return out.text, err.text


class _Buffer:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_procedure_import_reports_each_bad_field_by_line(home_page, tmp_path):
    rows = [
        {**PROCEDURE, **bad, "code": f"9.2000{n:02d}"} for n, (bad, _) in enumerate(BAD_PROCEDURES)
    ]
    rows.append({**PROCEDURE, "code": "9.200099", "online_url": "https://dichvucong.gov.vn/a"})
    path = write(tmp_path / "thu-tuc.jsonl", rows)
    with pytest.raises(CommandError, match="không nhập bản ghi nào"):
        run("import_procedures", path, "--no-progress")
    assert not ProcedurePage.objects.filter(code__startswith="9.2000").exists()

    _out, err = run("import_procedures", path, "--no-progress", "--skip-invalid")
    for line, (_, field) in enumerate(BAD_PROCEDURES, start=1):
        assert f"dòng {line} " in err and field in err.split(f"dòng {line} ")[1].split("\n")[0]
    assert "Traceback" not in err
    assert list(
        ProcedurePage.objects.filter(code__startswith="9.200").values_list("code", flat=True)
    ) == ["9.200099"]


DOCUMENT = {"type": "Quyết định", "issuer": "UBND tỉnh", "issued": "2024-01-02", "title": "Thử"}
BAD_DOCUMENTS = [
    ({"source_url": "ftp://x"}, "đường dẫn nguồn"),
    ({"source_url": "https://exa mple.vn/x"}, "source_url"),
    ({"title": "Tiêu đề\x00"}, "title"),
    ({"issuer": "Cơ quan " * 40}, "cơ quan ban hành"),
    ({"type": "Loại\x01"}, "type"),
    ({"year": "²⁰²⁴", "issued": None}, "năm"),
    ({"issued": "2024-02-30"}, "Ngày ban hành"),
]


def test_legal_document_import_reports_each_bad_field_by_line(home_page, tmp_path):
    rows = [
        {**DOCUMENT, **bad, "number": f"{n + 1}/2024/QĐ-UBND"}
        for n, (bad, _) in enumerate(BAD_DOCUMENTS)
    ]
    rows.append({**DOCUMENT, "number": "99/2024/QĐ-UBND", "source_url": "https://vbpl.vn/1"})
    path = write(tmp_path / "van-ban.jsonl", rows)
    with pytest.raises(CommandError):
        run("import_legal_documents", path)
    assert not LegalDocumentPage.objects.exists()

    _out, err = run("import_legal_documents", path, "--skip-invalid")
    for line, (_, field) in enumerate(BAD_DOCUMENTS, start=1):
        assert f"dòng {line}" in err.lower() and field in err, (line, field, err)
    assert list(LegalDocumentPage.objects.values_list("number", flat=True)) == ["99/2024/QĐ-UBND"]
