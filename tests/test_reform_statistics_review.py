"""Statistics files uploaded in the admin: checked row by row with the importer's rules,
refused whole with a 400 and Vietnamese messages, kept as a pending batch that only a reviewer
may approve, and public only once approved."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from agencies.models import Agency
from home.roles import REVIEWERS, STATISTICS_EDITORS, setup_roles
from reform_statistics.importing import COLUMNS
from reform_statistics.models import BatchStatus, DossierStatistics, ImportBatch

pytestmark = pytest.mark.django_db

GOOD = [
    ["Sở Tư pháp", "quy", "2025", "1", "", "1.250", "830", "4", "1604", "10", "455", "15",
     "3", "25", "Hệ thống một cửa"],
    ["Sở Tư pháp", "quy", "2025", "2", "", "1000", "1000", "0", "1950", "0", "50", "0",
     "0", "0", ""],
]  # fmt: skip
BROKEN_ROW = ["Sở Không Có", "quy", "2025", "5", "", "10", "x", "0", "1", "0", "0", "0",
              "0", "0", ""]  # fmt: skip


def csv_file(rows, name="so-lieu.csv"):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


@pytest.fixture
def people(home_page):
    groups = setup_roles()
    Agency.objects.create(name="Sở Tư pháp", short_name="STP", kind="so")
    users = {}
    for username, group in (("bientap", STATISTICS_EDITORS), ("duyet", REVIEWERS)):
        user = get_user_model().objects.create_user(username, password="pw")
        user.groups.add(groups[group])
        users[username] = user
    return users


def upload(client, user, file, **data):
    client.force_login(user)
    return client.post(reverse("reform_statistics_batches"), {"file": file, **data})


def test_good_file_becomes_a_pending_batch_not_public(client, people):
    response = upload(client, people["bientap"], csv_file(GOOD))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reform_statistics_batch", args=[batch.pk])
    assert batch.status == BatchStatus.PENDING and len(batch.rows) == 2
    # Nothing public before review: no rows, and the public page is still empty.
    assert DossierStatistics.objects.count() == 0
    client.logout()
    page = client.get("/thong-ke/")
    assert "Chưa có số liệu thống kê." in page.content.decode()


def test_broken_file_is_refused_whole_with_vietnamese_row_errors(client, people):
    response = upload(client, people["bientap"], csv_file([GOOD[0], BROKEN_ROW]))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Dòng 3: cột co_quan: không có cơ quan “Sở Không Có”" in text
    assert "cột tiep_nhan_truc_tuyen: “x” không phải số nguyên" in text
    assert "Không có số liệu nào được ghi" in text
    assert ImportBatch.objects.count() == 0 and DossierStatistics.objects.count() == 0


def test_skip_invalid_keeps_the_good_rows_and_reports_the_bad(client, people):
    response = upload(client, people["bientap"], csv_file([GOOD[0], BROKEN_ROW]), skip_invalid="on")
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert [line for line, _ in batch.rows] == [2]
    assert batch.skipped[0].startswith("Dòng 3:")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("so-lieu.pdf", b"%PDF-1.4", "Chỉ nhận tệp .csv hoặc .xlsx."),
        ("so-lieu.xlsx", b"PK\x03\x04 not really a workbook", "bị hỏng hoặc không phải tệp nén"),
        ("so-lieu.csv", "co_quan,nam\nSở Tư pháp,2025\n".encode(), "Dòng 1: thiếu cột loai_ky"),
        ("so-lieu.csv", "co_quan;loai_ky\n".encode("utf-16"), "không phải văn bản UTF-8"),
    ],
)
def test_unreadable_uploads_get_400_in_vietnamese(client, people, name, content, message):
    response = upload(client, people["bientap"], SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_xlsx_upload(client, people):
    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    sheet.append([int(c) if c.isdigit() else c for c in GOOD[1]])
    data = io.BytesIO()
    book.save(data)
    response = upload(
        client, people["bientap"], SimpleUploadedFile("so-lieu.xlsx", data.getvalue())
    )
    assert response.status_code == 302
    assert ImportBatch.objects.get().rows[0][1]["tiep_nhan_truc_tiep"] == "1000"


def test_only_a_reviewer_approves_then_figures_are_public(client, people):
    upload(client, people["bientap"], csv_file(GOOD))
    batch = ImportBatch.objects.get()
    approve = reverse("reform_statistics_batch_approve", args=[batch.pk])
    # The editor who uploaded sees no approve button and is refused the action.
    detail = client.get(reverse("reform_statistics_batch", args=[batch.pk])).content.decode()
    assert "Duyệt và công bố" not in detail and "chưa được công bố" in detail
    # Wagtail answers a PermissionDenied in the admin with a redirect and a message.
    assert client.post(approve).status_code in (302, 403)
    assert DossierStatistics.objects.count() == 0

    client.force_login(people["duyet"])
    assert client.get(approve).status_code == 405  # a GET never writes
    response = client.post(approve, follow=True)
    assert "Đã duyệt và công bố: 2 dòng mới, 0 dòng cập nhật." in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.APPROVED and batch.reviewed_by == people["duyet"]
    assert DossierStatistics.objects.count() == 2
    # Approving twice writes nothing more.
    client.post(approve)
    assert DossierStatistics.objects.count() == 2
    client.logout()
    page = client.get("/thong-ke/").content.decode()
    assert "Quý II/2025" in page


def test_rejected_batch_writes_nothing(client, people):
    upload(client, people["bientap"], csv_file(GOOD))
    batch = ImportBatch.objects.get()
    client.force_login(people["duyet"])
    client.post(reverse("reform_statistics_batch_reject", args=[batch.pk]), {"note": "Sai kỳ"})
    batch.refresh_from_db()
    assert (batch.status, batch.review_note) == (BatchStatus.REJECTED, "Sai kỳ")
    client.post(reverse("reform_statistics_batch_approve", args=[batch.pk]))
    assert DossierStatistics.objects.count() == 0


def test_approval_checks_the_rows_again(client, people):
    upload(client, people["bientap"], csv_file(GOOD))
    Agency.objects.filter(name="Sở Tư pháp").update(name="Sở Tư pháp (cũ)", short_name="", slug="x")
    client.force_login(people["duyet"])
    batch = ImportBatch.objects.get()
    response = client.post(reverse("reform_statistics_batch_approve", args=[batch.pk]), follow=True)
    assert "Số liệu không còn hợp lệ" in response.content.decode()
    batch.refresh_from_db()
    assert batch.is_pending and DossierStatistics.objects.count() == 0


def test_template_csv_has_the_documented_header_and_a_valid_example(client, people, tmp_path):
    client.force_login(people["bientap"])
    response = client.get(reverse("reform_statistics_template"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(",") == list(COLUMNS)
    # The example row itself passes the checks (with the demo-like agency name).
    from reform_statistics.importing import import_statistics

    path = tmp_path / "mau.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert import_statistics(path).errors == []


def test_people_without_the_role_cannot_upload(client, people):
    outsider = get_user_model().objects.create_user("khach", password="pw", is_staff=True)
    outsider.user_permissions.add(
        *__import__(
            "django.contrib.auth.models", fromlist=["Permission"]
        ).Permission.objects.filter(codename="access_admin")
    )
    client.force_login(outsider)
    assert client.get(reverse("reform_statistics_batches")).status_code in (302, 403)
    assert client.post(
        reverse("reform_statistics_batches"), {"file": csv_file(GOOD)}
    ).status_code in (302, 403)
    assert ImportBatch.objects.count() == 0


def test_each_message_ends_with_one_full_stop(client, people):
    too_many = ["Sở Tư pháp", "quy", "2025", "3", "", "100", "50", "0", "200", "0", "0", "0",
                "0", "0", ""]  # fmt: skip
    response = upload(client, people["bientap"], csv_file([too_many]))
    text = response.content.decode()
    assert "nhiều hơn số hồ sơ tiếp nhận (150)." in text
    assert "(150).." not in text
