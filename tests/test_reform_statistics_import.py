"""Importing dossier statistics from CSV and XLSX: good, broken, partial and repeated files."""

import csv

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from agencies.models import Agency
from reform_statistics.importing import COLUMNS, import_statistics
from reform_statistics.models import DossierStatistics

pytestmark = pytest.mark.django_db

GOOD = [
    # co_quan, loai_ky, nam, ky, ma_xa, 9 counts, nguon
    ["Sở Tư pháp", "quy", "2024", "1", "", "1.200", "800", "84", "1900", "20", "150", "4",
     "10", "20", "Hệ thống một cửa"],
    ["Sở Tư pháp", "quy", "2024", "2", "", "1000", "1000", "0", "1950", "0", "50", "0",
     "0", "0", ""],
    ["STP", "nam", "2023", "1", "", "5000", "3000", "0", "7900", "100", "0", "0", "5", "100", ""],
]  # fmt: skip


def write_csv(path, rows, header=COLUMNS):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def justice():
    return Agency.objects.create(name="Sở Tư pháp", short_name="STP", kind="so")


def test_good_csv_is_imported_then_updated_not_copied(tmp_path, justice):
    path = write_csv(tmp_path / "thong-ke.csv", GOOD)
    result = import_statistics(path)
    assert (result.created, result.updated, result.errors) == (3, 0, [])
    first = DossierStatistics.objects.get(period_kind="quy", number=1)
    assert first.received == 2084  # "1.200" read as one thousand two hundred
    assert first.source == "Hệ thống một cửa"
    changed = [row[:] for row in GOOD]
    changed[0][13] = "30"
    result = import_statistics(write_csv(tmp_path / "lan-2.csv", changed))
    assert (result.created, result.updated) == (0, 3)
    assert DossierStatistics.objects.count() == 3
    first.refresh_from_db()
    assert first.apology_letters == 30


def test_good_xlsx_is_imported(tmp_path, justice):
    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    for row in GOOD:
        # Excel stores numbers as numbers.
        sheet.append([int(c) if c.isdigit() else c for c in row])
    path = tmp_path / "thong-ke.xlsx"
    book.save(path)
    result = import_statistics(path)
    assert (result.created, result.errors) == (3, [])
    assert DossierStatistics.objects.get(year=2023).resolved_on_time == 7900


BROKEN = [
    GOOD[0],
    ["Sở Không Có", "quy", "2024", "3", "", "1", "0", "0", "0", "0", "0", "0", "0", "0", ""],
    ["Sở Tư pháp", "quy", "2024", "5", "", "1", "0", "0", "0", "0", "0", "0", "0", "0", ""],
    ["Sở Tư pháp", "quy", "2024", "4", "", "mười", "0", "0", "0", "0", "0", "0", "0", "0", ""],
    ["Sở Tư pháp", "quy", "2024", "3", "", "1", "0", "0", "5", "0", "0", "0", "0", "0", ""],
    ["Sở Tư pháp", "quy", "2024", "2", "", "1", "0", "0", "0", "0", "0", "0", "-1", "0", ""],
    ["Sở Tư pháp", "tuan", "2024", "1", "", "1", "0", "0", "0", "0", "0", "0", "0", "0", ""],
    GOOD[0],
]


def test_broken_file_writes_nothing_and_names_each_line_and_column(tmp_path, justice):
    result = import_statistics(write_csv(tmp_path / "hong.csv", BROKEN))
    assert DossierStatistics.objects.count() == 0
    assert result.created == 0
    errors = "\n".join(result.errors)
    assert "Dòng 3: cột co_quan: không có cơ quan “Sở Không Có”" in errors
    assert "Dòng 4: cột ky:" in errors
    assert "Dòng 5: cột tiep_nhan_truc_tiep: “mười” không phải số nguyên" in errors
    assert "Dòng 6: cột giai_quyet_dung_han: Đã giải quyết và đang giải quyết (5)" in errors
    assert "Dòng 7: cột tra_lai_rut_ho_so:" in errors
    assert "Dòng 8: cột loai_ky: “tuan” phải là thang, quy hoặc nam" in errors
    assert "Dòng 9: trùng cơ quan và kỳ với dòng 2" in errors
    assert len(result.errors) == 7


def test_skip_invalid_writes_the_good_rows(tmp_path, justice):
    result = import_statistics(write_csv(tmp_path / "hong.csv", BROKEN), skip_invalid=True)
    assert result.created == 1
    assert len(result.errors) == 7
    assert DossierStatistics.objects.count() == 1


def test_command_refuses_a_broken_file_and_reports_lines(tmp_path, justice, capsys):
    path = write_csv(tmp_path / "hong.csv", BROKEN)
    with pytest.raises(CommandError, match="7 dòng lỗi; chưa ghi gì"):
        call_command("import_dossier_statistics", str(path))
    assert "Dòng 3: cột co_quan" in capsys.readouterr().err
    assert DossierStatistics.objects.count() == 0
    call_command("import_dossier_statistics", str(path), "--skip-invalid")
    assert DossierStatistics.objects.count() == 1


def test_command_imports_a_good_file(tmp_path, justice, capsys):
    call_command("import_dossier_statistics", str(write_csv(tmp_path / "tot.csv", GOOD)))
    assert "3 dòng mới, 0 dòng cập nhật" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("thieu-cot.csv", "co_quan,loai_ky,nam\nSở Tư pháp,quy,2024\n", "Dòng 1: thiếu cột ky"),
        ("sai.txt", "x", "Chỉ nhận tệp .csv hoặc .xlsx"),
        ("hong.xlsx", "không phải excel", "Không mở được tệp Excel"),
        ("trong.csv", "", "trống"),
    ],
)
def test_unreadable_files_get_a_vietnamese_message(tmp_path, justice, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_dossier_statistics", str(path))


def test_one_period_of_an_agency_is_whole_or_per_commune_in_files_too(tmp_path, justice):
    from administrative_units.models import AdministrativeUnit

    AdministrativeUnit.objects.create(code="99001", name="Xã An Bình", division_type="xa")
    commune = ["Sở Tư pháp", "quy", "2024", "1", "99001", "100", "0", "0", "90", "0", "10",
               "0", "0", "0", ""]  # fmt: skip
    # In one file: refused whole, nothing written.
    result = import_statistics(write_csv(tmp_path / "ca-hai.csv", [GOOD[0], commune]))
    assert result.created == 0 and DossierStatistics.objects.count() == 0
    assert result.errors == [
        "Dòng 3: cột ma_xa: dòng 2 đã có số liệu toàn cơ quan của cơ quan này cho cùng kỳ; "
        "một kỳ chỉ nhập toàn cơ quan hoặc theo từng xã, phường, để hồ sơ không bị tính hai lần."
    ]
    # Against what is stored: the whole-agency row of quarter 1 is there.
    assert import_statistics(write_csv(tmp_path / "toan.csv", GOOD)).created == 3
    result = import_statistics(write_csv(tmp_path / "xa.csv", [commune]))
    assert result.created == 0 and DossierStatistics.objects.count() == 3
    assert "cột ma_xa: Cơ quan này đã có số liệu toàn cơ quan cho quý I/2024" in result.errors[0]
    # Re-importing the whole-agency rows still updates them.
    assert import_statistics(write_csv(tmp_path / "toan.csv", GOOD)).updated == 3
