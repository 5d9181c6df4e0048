"""import_legal_documents: formats, identity, idempotence, all-or-nothing, errors by line."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from legal_documents.models import LegalDocumentPage, ValidityStatus

pytestmark = pytest.mark.django_db

RECORDS = [
    # Latin eth and a stray space, as the provincial crawl has them.
    {
        "number": "1258/QÐ-UBND",
        "type": "Quyết định",
        "issuer": "UBND tỉnh Bình Dương",
        "issued": "2016-05-26",
        "status": "Hết hiệu lực",
        "title": "ban hành quy chế phối hợp",
    },
    # Same number, another year: another document.
    {
        "number": "1258 /QĐ-UBND",
        "type": "Quyết định",
        "issuer": "UBND tỉnh Bình Dương",
        "issued": "2022-05-30",
        "status": "Còn hiệu lực",
        "title": "công bố thủ tục hành chính",
    },
    # A national decree, and the same decree cited without a date: merged, not duplicated.
    {
        "number": "18/2021/NĐ-CP",
        "type": "Nghị định",
        "issuer": "Chính phủ",
        "issued": "2021-03-11",
        "effective": "2021-04-25",
        "status": None,
        "title": None,
    },
    {
        "number": "18/2021/ND-CP",
        "type": "Nghị định",
        "year": 2021,
        "issued": None,
        "title": "Sửa đổi Nghị định 34/2016/NĐ-CP",
        "dataset": "tthc_legal_basis",
    },
    # A stale "not yet in force": the effective date has passed since.
    {
        "number": "33/2024/QH15",
        "type": "Luật",
        "issued": "2024-06-29",
        "effective": "2025-07-01",
        "status": "Chưa có hiệu lực",
        "title": "Luật Công chứng",
    },
]


def write_jsonl(tmp_path, records, name="van-ban.jsonl"):
    path = tmp_path / name
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_import_reads_the_three_shapes_and_is_idempotent(home_page, tmp_path, capsys):
    path = write_jsonl(tmp_path, RECORDS)
    call_command("import_legal_documents", str(path), "--no-progress")
    assert LegalDocumentPage.objects.live().count() == 4
    same_number = LegalDocumentPage.objects.filter(normalized_number="1258/qd-ubnd")
    assert sorted(d.year for d in same_number) == [2016, 2022]
    assert {d.number for d in same_number} == {"1258/QĐ-UBND"}
    old = same_number.get(year=2016)
    assert old.status == ValidityStatus.EXPIRED
    assert old.title == "Ban hành quy chế phối hợp"
    decree = LegalDocumentPage.objects.get(normalized_number="18/2021/nd-cp")
    assert decree.title == "Sửa đổi Nghị định 34/2016/NĐ-CP"
    assert decree.status == ValidityStatus.IN_FORCE
    assert decree.latest_revision is not None  # published through a revision
    law = LegalDocumentPage.objects.get(normalized_number="33/2024/qh15")
    assert law.status == ValidityStatus.IN_FORCE
    out = capsys.readouterr().out
    assert "4 văn bản mới" in out and "1 bản ghi gộp" in out

    revisions = sum(d.revisions.count() for d in LegalDocumentPage.objects.all())
    call_command("import_legal_documents", str(path), "--no-progress")
    assert LegalDocumentPage.objects.count() == 4
    assert sum(d.revisions.count() for d in LegalDocumentPage.objects.all()) == revisions
    assert "4 không đổi" in capsys.readouterr().out


def test_bad_records_change_nothing_unless_skipped(home_page, tmp_path, capsys):
    bad = [
        RECORDS[0],
        {"number": "", "type": "Quyết định", "issued": "2020-01-01"},
        "{not json",
        {"number": "5/QĐ-UBND", "issued": "2020-02-30"},
        {"number": "6/QĐ-UBND", "issued": "2020-05-01", "effective": "2020-04-01"},
        {"number": "7/QĐ-UBND", "issued": "2020-05-01", "status": "Đang bay"},
    ]
    path = write_jsonl(tmp_path, bad)
    with pytest.raises(CommandError) as error:
        call_command("import_legal_documents", str(path), "--no-progress")
    assert "5 bản ghi lỗi; không nhập bản ghi nào" in str(error.value)
    assert LegalDocumentPage.objects.count() == 0
    err = capsys.readouterr().err
    assert "dòng 2: thiếu số ký hiệu" in err
    assert "dòng 3: JSON không hợp lệ" in err
    assert "dòng 4 (số 5/QĐ-UBND): Ngày ban hành “2020-02-30” không phải ngày hợp lệ" in err
    assert "dòng 5 (số 6/QĐ-UBND): ngày có hiệu lực trước ngày ban hành" in err
    assert "dòng 6 (số 7/QĐ-UBND): tình trạng hiệu lực “Đang bay” không rõ" in err

    call_command("import_legal_documents", str(path), "--no-progress", "--skip-invalid")
    assert LegalDocumentPage.objects.count() == 1


def test_csv_import_and_file_checks(home_page, tmp_path):
    path = tmp_path / "van-ban.csv"
    path.write_text(
        "number,type,issuer,issued,effective,expired,title,fields\n"
        "12/2019/QĐ-UBND,Quyết định,UBND tỉnh Đồng Tháp,2019-04-01,2019-04-15,2024-01-01,"
        "Quy định về hộ tịch,Hộ tịch;Tư pháp\n",
        encoding="utf-8",
    )
    call_command("import_legal_documents", str(path), "--no-progress")
    document = LegalDocumentPage.objects.get()
    assert document.status == ValidityStatus.EXPIRED
    assert sorted(f.name for f in document.fields.all()) == ["Hộ tịch", "Tư pháp"]

    with pytest.raises(CommandError, match="vượt giới hạn"):
        call_command("import_legal_documents", str(path), "--no-progress", "--max-bytes", "10")
    other = tmp_path / "van-ban.xlsx"
    other.write_bytes(b"PK\x03\x04")
    with pytest.raises(CommandError, match="Chỉ nhận tệp"):
        call_command("import_legal_documents", str(other), "--no-progress")
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import_legal_documents", str(tmp_path / "khong-co.jsonl"))
