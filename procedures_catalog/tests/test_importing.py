"""Import: both JSON shapes and CSV, idempotency, bad records, all-or-nothing, limits."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from agencies.models import Agency
from procedures_catalog.importing import parse_fee, parse_quantity, parse_time, split_applicants
from procedures_catalog.models import ProcedurePage
from procedures_catalog.tests.helpers import crawl_line, write_jsonl

pytestmark = pytest.mark.django_db


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_procedures", str(path), "--no-progress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_parsers_read_the_crawl_quirks():
    assert parse_quantity("0 bản chính,1 bản sao") == (0, 1)
    assert parse_quantity("20251 bản chính,1 bản sao") == (1, 1)
    assert parse_fee("Miễn phí")[0] == 0
    assert parse_fee(None)[0] is None
    assert parse_fee("1,025,000 Việt Nam Đồng") == (1025000, "VND")
    assert parse_fee("10 USD(/lần)") == (10, "USD")
    assert parse_time("5 Ngày làm việc")[:2] == (5, "ngay_lam_viec")
    assert parse_time("1")[:2] == (1, "")
    assert split_applicants(
        "Tổ chức (không bao gồm doanh nghiệp, HTX), Cán bộ, công chức, viên chức, Doanh nghiệp"
    ) == [
        "Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Cán bộ, công chức, viên chức",
        "Doanh nghiệp",
    ]


def test_crawl_format_imports_published_pages(home_page, tmp_path):
    path = write_jsonl(tmp_path / "crawl.jsonl", [crawl_line("1.900001"), crawl_line("1.900002")])
    out, _ = run(path)
    assert "2 thủ tục mới" in out
    page = ProcedurePage.objects.get(code="1.900001")
    assert page.live and page.live_revision_id  # published through a revision
    assert page.url == "/thu-tuc/1.900001/"
    assert [lv.code for lv in page.levels.all()] == ["cap_tinh", "cap_xa"]
    assert page.field.name == "Hoạt động xây dựng"
    assert [a.name for a in page.implementing_agencies.all()] == ["Sở Xây dựng"]
    assert page.online_level == "mot_phan"
    channels = list(page.channels.all())
    assert [c.fee_label for c in channels] == ["Miễn phí", "150.000 đồng", "10 USD"]
    assert channels[0].time_label == "15 ngày làm việc"
    documents = list(page.documents.all())
    assert (documents[1].originals, documents[1].copies) == (0, 2)
    assert documents[1].case == "Trường hợp công trình có tầng hầm"
    assert documents[0].form_name == "Mau 01.docx"
    numbers = list(page.legal_basis.values_list("normalized_number", flat=True))
    assert numbers == ["50/2014/qh13", "85/2024/tt-btc", "118/2025/nd-c"]
    assert page.applicants.count() == 3


def test_reimport_updates_in_place_and_skips_unchanged(home_page, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [crawl_line("1.900001")])
    run(path)
    page = ProcedurePage.objects.get(code="1.900001")
    revisions = page.revisions.count()
    out, _ = run(path)
    assert "1 không đổi" in out
    assert page.revisions.count() == revisions
    write_jsonl(path, [crawl_line("1.900001", name="Tên đã sửa")])
    out, _ = run(path)
    assert "1 cập nhật" in out
    assert ProcedurePage.objects.filter(code="1.900001").count() == 1
    assert ProcedurePage.objects.get(code="1.900001").title == "Tên đã sửa"


def test_own_format_and_successor(home_page, tmp_path):
    lines = [
        {
            "code": "9.000002",
            "name": "Thủ tục mới",
            "field": "Hộ tịch",
            "levels": ["Cấp xã"],
            "online_level": "toan_trinh",
            "channels": [
                {
                    "mode": "Trực tuyến",
                    "time_limit": 2,
                    "time_unit": "ngày làm việc",
                    "fee_amount": 0,
                }
            ],
            "documents": [{"name": "Tờ khai", "originals": 1, "copies": 2, "case": "Chung"}],
            "legal_basis": [{"number": "04/2020/TT-BTP", "title": "Thông tư hướng dẫn"}],
            "life_situations": ["Có con nhỏ"],
        },
        {
            "code": "9.000001",
            "name": "Thủ tục cũ",
            "status": "replaced",
            "successor_code": "9.000002",
            "decision_date": "2025-07-01",
        },
    ]
    run(write_jsonl(tmp_path / "own.jsonl", lines))
    old = ProcedurePage.objects.get(code="9.000001")
    new = ProcedurePage.objects.get(code="9.000002")
    assert old.successor == new and old.status == "replaced"
    assert new.online_level == "toan_trinh"
    assert new.life_situations.get().name == "Có con nhỏ"
    assert new.legal_basis.get().title == "Thông tư hướng dẫn"


def test_bad_records_import_nothing_and_are_reported_by_line(home_page, tmp_path):
    lines = [
        crawl_line("1.900001"),
        "{not json",
        crawl_line("", name="x"),
        crawl_line("1.900003", level="Cấp vũ trụ"),
        crawl_line("1.900001"),
    ]
    path = write_jsonl(tmp_path / "bad.jsonl", lines)
    err = io.StringIO()
    with pytest.raises(CommandError, match="4 bản ghi lỗi"):
        call_command(
            "import_procedures", str(path), "--no-progress", stderr=err, stdout=io.StringIO()
        )
    report = err.getvalue()
    assert "dòng 2" in report and "JSON" in report
    assert "dòng 3" in report and "thiếu mã" in report
    assert "dòng 4" in report and "Cấp vũ trụ" in report
    assert "dòng 5" in report and "dòng 1" in report  # duplicate code
    assert not ProcedurePage.objects.exists()
    out, _ = run(path, "--skip-invalid")
    assert "1 thủ tục mới" in out and "4 bản ghi lỗi" in out


def test_failure_while_writing_rolls_everything_back(home_page, tmp_path):
    lines = [
        crawl_line("1.900001"),
        {"code": "9.1", "name": "x", "status": "replaced", "successor_code": "9.404"},
    ]
    with pytest.raises(CommandError, match="Không nhập"):
        run(write_jsonl(tmp_path / "x.jsonl", lines))
    assert not ProcedurePage.objects.exists()
    assert not Agency.objects.filter(name="Sở Xây dựng").exists()


def test_draft_option_leaves_pages_unpublished(home_page, tmp_path):
    run(write_jsonl(tmp_path / "d.jsonl", [crawl_line("1.900001")]), "--draft")
    page = ProcedurePage.objects.get(code="1.900001")
    assert not page.live and page.latest_revision_id


def test_size_limit_and_missing_file(home_page, tmp_path):
    path = write_jsonl(tmp_path / "big.jsonl", [crawl_line("1.900001")])
    with pytest.raises(CommandError, match="vượt giới hạn"):
        run(path, "--max-bytes", "100")
    with pytest.raises(CommandError, match="Không tìm thấy"):
        run(tmp_path / "none.jsonl")
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(CommandError, match="UTF-8"):
        run(binary)


def test_csv_with_simple_columns(home_page, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(
        "code,name,field,levels,implementing_agencies,online_level\n"
        "9.100001,Cấp bản sao trích lục,Hộ tịch,Cấp tỉnh;Cấp xã,Sở Tư pháp,một phần\n",
        encoding="utf-8",
    )
    out, _ = run(path)
    page = ProcedurePage.objects.get(code="9.100001")
    assert page.levels.count() == 2 and page.online_level == "mot_phan"
    assert json.loads(json.dumps(out))  # the summary line is plain text
