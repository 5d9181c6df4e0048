"""Procedure pages that cannot mislead: the right papers, the status, where to go, the dates.

Covers issue 10's items for procedure pages: documents in common and per-case groups (model,
importer, page and printed checklist alike), calls to action driven by the status, the office
finder, the catalogue's own dates, and the demo data read through the importers.
"""

import datetime
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command

from administrative_units.loading import load_province
from agencies.importing import OfficeImportError, import_offices
from agencies.models import Agency, AgencyKind, OfficeKind, OneStopOffice
from procedures_catalog.choices import DocumentGroup
from procedures_catalog.demo import DEMO_FILE
from procedures_catalog.importing import map_source_document, map_source_group, parse_file
from procedures_catalog.models import ProcedurePage, RequiredDocument
from procedures_catalog.offices import online_link
from procedures_catalog.search_documents import procedure_document
from procedures_catalog.status import status_sentence
from procedures_catalog.tests.helpers import make_procedures, record, write_jsonl

pytestmark = pytest.mark.django_db

PORTAL_PAGE = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def doc(name, group="chung", case=""):
    return {
        "group": group,
        "case": case,
        "name": name,
        "originals": 1,
        "copies": 0,
        "required": True,
        "note": "",
        "form_name": "",
    }


@pytest.fixture
def birth(home_page):
    """Birth registration written the way the issue found it: the ID paper, needed in every
    case, comes last in editor order, right after the last case."""
    pages = make_procedures(
        record(
            "1.001193",
            "Đăng ký khai sinh",
            source_url=PORTAL_PAGE,
            online_level="toan_trinh",
            documents=[
                doc("Tờ khai đăng ký khai sinh"),
                doc("Giấy chứng sinh", "truong_hop", "Trẻ sinh tại cơ sở y tế"),
                doc("Biên bản trẻ bị bỏ rơi", "truong_hop", "Trẻ bị bỏ rơi"),
                doc("Giấy tờ tùy thân của người đi đăng ký"),
                doc("Người tiếp nhận kiểm tra bản chính.", "luu_y"),
            ],
        )
    )
    return pages["1.001193"]


# -- documents in the right groups ---------------------------------------------------------


def test_common_documents_come_first_whatever_the_editor_order(birth):
    checklist = birth.document_checklist()
    assert [d.name for s in checklist.common for d in s.documents] == [
        "Tờ khai đăng ký khai sinh",
        "Giấy tờ tùy thân của người đi đăng ký",
    ]
    assert [s.heading for s in checklist.cases] == [
        "Trường hợp: Trẻ sinh tại cơ sở y tế",
        "Trường hợp: Trẻ bị bỏ rơi",
    ]
    assert [d.name for d in checklist.cases[-1].documents] == ["Biên bản trẻ bị bỏ rơi"]
    assert [n.name for n in checklist.notes] == ["Người tiếp nhận kiểm tra bản chính."]


@pytest.mark.parametrize("path", ["/thu-tuc/1.001193/", "/thu-tuc/1.001193/in/"])
def test_page_and_checklist_show_the_id_paper_in_the_common_group(client, birth, path):
    response = client.get(path)
    assert "{#" not in response.content.decode()  # a template comment leaking into the page
    page = soup(response)
    common = page.find(class_="document-group-common").get_text(" ", strip=True)
    assert "Giấy tờ tùy thân của người đi đăng ký" in common
    assert "Mọi người nộp hồ sơ đều cần" in common
    cases = page.find(class_="document-cases")
    assert "chỉ mang thêm giấy tờ của trường hợp của bạn" in cases.get_text(" ", strip=True)
    last_case = cases.find_all(class_="document-group-case")[-1].get_text(" ", strip=True)
    assert "Trẻ bị bỏ rơi" in last_case and "Giấy tờ tùy thân" not in last_case
    # Notes are not documents to tick.
    assert "Người tiếp nhận kiểm tra" not in " ".join(
        li.get_text() for li in page.select(".tick-list li, .document-list li")
    )


@pytest.mark.parametrize("path", ["/thu-tuc/1.001193/", "/thu-tuc/1.001193/in/"])
def test_headings_of_page_and_checklist_skip_no_level(client, birth, path):
    """Screen-reader users move by headings: after an h1, an h3 must not come before an h2."""
    levels = [
        int(h.name[1]) for h in soup(client.get(path)).select("main h1, main h2, main h3, main h4")
    ]
    assert levels[0] == 1
    jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert not jumps, f"{path}: heading levels jump {jumps}"


def test_a_case_document_needs_its_case_in_the_admin(birth):
    document = RequiredDocument(page=birth, group=DocumentGroup.CASE, case=" ", name="Giấy tờ")
    with pytest.raises(ValidationError) as error:
        document.clean()
    assert "case" in error.value.message_dict
    RequiredDocument(page=birth, group=DocumentGroup.COMMON, case="", name="Giấy tờ").clean()


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("", ("chung", "")),
        ("* Giấy tờ phải nộp:", ("chung", "Giấy tờ phải nộp")),
        ("* Giấy tờ phải xuất trình:", ("chung", "Giấy tờ phải xuất trình")),
        ("* Lưu ý :", ("luu_y", "")),
        ("Thành phần hồ sơ:", ("chung", "")),
        ("(1.3) Đối với công trình tôn giáo:", ("truong_hop", "Đối với công trình tôn giáo")),
        ("* Trường hợp kiểm định lần đầu", ("truong_hop", "Trường hợp kiểm định lần đầu")),
        ("Hồ sơ của người nhận con nuôi:", ("chung", "Hồ sơ của người nhận con nuôi")),
    ],
)
def test_national_groups_map_to_ours(label, expected):
    assert map_source_group(label) == expected


def test_a_case_written_into_a_national_document_becomes_its_group():
    name = "Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi."
    assert map_source_document("* Giấy tờ phải nộp:", name, 1, 0) == (
        "truong_hop",
        "Trường hợp trẻ em bị bỏ rơi",
    )
    remark = "Trường hợp đã nộp bản điện tử Giấy chứng sinh thì không phải nộp bản giấy."
    assert map_source_document("* Giấy tờ phải nộp:", remark, 0, 0) == ("luu_y", "")


def test_crawl_import_sets_groups(home_page, tmp_path):
    from procedures_catalog.tests.helpers import crawl_line

    line = crawl_line(
        "9.000001",
        documents=[
            {
                "name": "Biên bản trẻ bị bỏ rơi",
                "quantity": "1 bản chính",
                "form": None,
                "group": "* Trường hợp trẻ bị bỏ rơi:",
            },
            {
                "name": "Lưu ý về bản sao",
                "quantity": "0 bản chính",
                "form": None,
                "group": "* Lưu ý:",
            },
            {"name": "Tờ khai", "quantity": "1 bản chính", "form": None, "group": None},
        ],
    )
    records, errors = parse_file(write_jsonl(tmp_path / "crawl.jsonl", [line]))
    assert not errors
    groups = [(d["group"], d["case"]) for d in records[0][1].documents]
    assert groups == [("truong_hop", "Trường hợp trẻ bị bỏ rơi"), ("luu_y", ""), ("chung", "")]


def test_own_format_rejects_an_unknown_group_and_a_case_without_name(tmp_path):
    lines = [
        {"code": "9.1", "name": "A", "documents": [{"name": "X", "group": "ai do"}]},
        {"code": "9.2", "name": "B", "documents": [{"name": "X", "group": "truong_hop"}]},
    ]
    _, errors = parse_file(write_jsonl(tmp_path / "bad.jsonl", lines))
    assert [e.line for e in errors] == [1, 2]
    assert "nhóm giấy tờ" in errors[0].reason and "thiếu case" in errors[1].reason


# -- status drives the calls to action -----------------------------------------------------


@pytest.fixture
def ended(home_page):
    return make_procedures(
        record("2.002045", "Đăng ký doanh nghiệp tư nhân", levels=["cap_tinh"]),
        record(
            "2.000575",
            "Đăng ký doanh nghiệp tư nhân (cũ)",
            levels=["cap_tinh"],
            status="abolished",
            decision_number="1868/QĐ-BTC",
            decision_date="2025-06-03",
            status_since="2025-07-01",
            successor_code="2.002045",
            online_level="toan_trinh",
            online_url="https://dichvucong.gov.vn/thu-tuc/abc",
        ),
        record(
            "2.000576",
            "Thủ tục tạm ngừng",
            levels=["cap_tinh"],
            status="suspended",
            online_level="mot_phan",
            source_url=PORTAL_PAGE,
        ),
    )


def test_abolished_procedure_says_what_since_when_by_which_decision(client, ended):
    page = soup(client.get("/thu-tuc/2.000575/"))
    notice = page.find(class_="status-ended").get_text(" ", strip=True)
    assert "đã bị bãi bỏ từ ngày 01/07/2025" in notice
    assert "Quyết định số 1868/QĐ-BTC ngày 03/06/2025" in notice
    assert page.find(class_="status-ended").find("a")["href"] == "/thu-tuc/2.002045/"
    text = page.get_text(" ")
    assert "Nộp hồ sơ trực tuyến" not in text
    assert "In danh mục giấy tờ" not in text
    assert page.find(id="noi-nop") is None


def test_suspended_procedure_has_no_apply_link(client, ended):
    page = soup(client.get("/thu-tuc/2.000576/"))
    assert "đang tạm ngừng áp dụng" in page.find(class_="status-ended").get_text()
    assert not page.find("a", string="Nộp hồ sơ trực tuyến")


def test_checklist_of_an_ended_procedure_warns_and_offers_no_print(client, ended):
    page = soup(client.get("/thu-tuc/2.000575/in/"))
    assert "đã bị bãi bỏ" in page.find(class_="status-ended").get_text()
    assert page.find(attrs={"data-print": True}) is None
    assert "/thu-tuc/2.002045/in/" in [a["href"] for a in page.find_all("a")]


def test_search_document_and_export_carry_the_status(client, ended):
    page = ProcedurePage.objects.get(code="2.000575")
    document = procedure_document(page)
    assert document.extra["ended"].startswith("Thủ tục này đã bị bãi bỏ từ ngày 01/07/2025")
    assert document.extra["successor_url"] == "/thu-tuc/2.002045/"
    assert document.date == datetime.date(2025, 7, 1)
    response = client.get("/thu-tuc/?tinh-trang=tat-ca&dinh-dang=json")
    rows = json.loads(b"".join(response.streaming_content))["items"]
    row = next(r for r in rows if r["code"] == "2.000575")
    assert row["status"] == "Đã bãi bỏ" and row["successor"] == "2.002045"
    assert row["status_since"] == "2025-07-01" and row["decision"].startswith("1868/QĐ-BTC")


def test_status_sentence_names_each_date_once(ended):
    page = ProcedurePage.objects.get(code="2.000575")
    page.status_since = None
    assert status_sentence(page) == (
        "Thủ tục này đã bị bãi bỏ theo Quyết định số 1868/QĐ-BTC ngày 03/06/2025."
    )
    page.decision_number = ""
    assert status_sentence(page) == "Thủ tục này đã bị bãi bỏ từ ngày 03/06/2025."
    assert status_sentence(ProcedurePage.objects.get(code="2.002045")) == ""


def test_search_result_says_ended_and_links_the_successor(client, ended):
    call_command("rebuild_search_index", stdout=io.StringIO(), stderr=io.StringIO())
    page = soup(client.get("/tim-kiem/", {"q": "Đăng ký doanh nghiệp tư nhân"}))
    hits = {h.select_one(".hit-title a")["href"]: h for h in page.select(".search-hit")}
    old = hits["/thu-tuc/2.000575/"].find(class_="hit-ended")
    assert "đã bị bãi bỏ từ ngày 01/07/2025" in old.get_text()
    assert old.find("a")["href"] == "/thu-tuc/2.002045/"
    assert hits["/thu-tuc/2.002045/"].find(class_="hit-ended") is None


# -- dates that mean something -------------------------------------------------------------


def test_search_date_is_the_catalogues_not_the_load_date(home_page):
    pages = make_procedures(
        record("9.000010", source_updated_on="2025-03-14", decision_date="2024-01-02"),
        record("9.000011"),
    )
    assert procedure_document(pages["9.000010"]).date == datetime.date(2025, 3, 14)
    assert procedure_document(pages["9.000011"]).date is None


def test_bad_catalogue_date_is_refused(tmp_path):
    line = {"code": "9.3", "name": "C", "source_updated_on": "14/03/2025"}
    _, errors = parse_file(write_jsonl(tmp_path / "d.jsonl", [line]))
    assert "YYYY-MM-DD" in errors[0].reason


# -- where to go ---------------------------------------------------------------------------


@pytest.fixture
def offices(home_page):
    province, _ = load_province(82)
    centre = OneStopOffice.objects.create(
        name="Trung tâm Phục vụ hành chính công tỉnh",
        kind=OfficeKind.PROVINCIAL_CENTRE,
        administrative_unit=province,
        address="Số 12 Lý Thường Kiệt",
        opening_hours="Thứ Hai - Thứ Sáu: 7 giờ - 17 giờ",
        phone="0277 3 851 234",
        latitude="10.460300",
        longitude="105.632900",
    )
    sa_dec = province.children.get(code="29905")
    OneStopOffice.objects.create(
        name="Bộ phận một cửa phường Sa Đéc",
        kind=OfficeKind.COMMUNE,
        administrative_unit=sa_dec,
        address="Trụ sở UBND phường Sa Đéc",
        opening_hours="Thứ Hai - Thứ Sáu",
        phone="0277 3 861 200",
        email="motcua.sadec@dongthap.gov.vn",
    )
    Agency.objects.create(
        name="Ủy ban nhân dân Phường Cao Lãnh",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        administrative_unit=province.children.get(code="29869"),
        address="Số 1 đường Trần Hưng Đạo",
    )
    make_procedures(
        record("1.001193", "Đăng ký khai sinh", source_url=PORTAL_PAGE, online_level="toan_trinh"),
        record(
            "3.000333", "Cấp Phiếu lý lịch tư pháp", levels=["cap_tinh"], online_level="mot_phan"
        ),
        record("2.000635", "Cấp bản sao trích lục", levels=["cap_tinh", "cap_xa"]),
    )
    return centre


def test_commune_procedure_offers_every_current_commune(client, offices):
    page = soup(client.get("/thu-tuc/1.001193/"))
    form = page.find("form", class_="commune-picker")
    assert form["method"] == "get"
    options = form.find("select", attrs={"name": "xa"}).find_all("option")
    assert len(options) == 1 + 102
    assert "Chọn xã, phường" in page.find(id="noi-nop").get_text()


def test_commune_with_an_office_shows_it(client, offices):
    response = client.get("/thu-tuc/1.001193/?xa=29905")
    assert response.status_code == 200
    where = soup(response).find(id="noi-nop")
    text = where.get_text(" ", strip=True)
    assert "Bộ phận một cửa phường Sa Đéc" in text and "0277 3 861 200" in text
    assert where.find("a", href="tel:02773861200")
    assert where.find("option", selected=True)["value"] == "29905"


def test_commune_without_an_office_falls_back_to_its_peoples_committee(client, offices):
    where = soup(client.get("/thu-tuc/1.001193/?xa=29869")).find(id="noi-nop")
    text = where.get_text(" ", strip=True)
    assert "Ủy ban nhân dân Phường Cao Lãnh" in text and "Số 1 đường Trần Hưng Đạo" in text
    assert "chưa có thông tin bộ phận một cửa" in text
    other = soup(client.get("/thu-tuc/1.001193/?xa=28261")).find(id="noi-nop")
    assert "Ủy ban nhân dân Phường Mỹ Tho" in other.get_text(" ", strip=True)


@pytest.mark.parametrize("value", ["99999", "<b>x</b>", "29905' OR 1=1"])
def test_unknown_commune_is_a_400_with_a_message(client, offices, value):
    response = client.get("/thu-tuc/1.001193/", {"xa": value})
    assert response.status_code == 400
    assert "Không có xã, phường mã" in soup(response).find(id="noi-nop").get_text()


def test_province_procedure_shows_the_provincial_centre_with_a_plain_map_link(client, offices):
    page = soup(client.get("/thu-tuc/3.000333/"))
    where = page.find(id="noi-nop")
    assert "Trung tâm Phục vụ hành chính công tỉnh" in where.get_text()
    assert where.find("form") is None
    link = where.find("a", string=lambda s: s and "bản đồ" in s)
    assert link["href"].startswith("https://www.openstreetmap.org/?mlat=10.460300&mlon=105.632900")
    assert not page.find("iframe") and not page.find("script", src=lambda s: s and "//" in s)


def test_procedure_at_both_levels_shows_both(client, offices):
    where = soup(client.get("/thu-tuc/2.000635/?xa=29905")).find(id="noi-nop").get_text()
    assert "Bộ phận một cửa phường Sa Đéc" in where and "Trung tâm Phục vụ" in where


def test_printed_checklist_carries_office_hours_phone_and_url(client, offices):
    page = soup(client.get("/thu-tuc/1.001193/in/?xa=29905"))
    where = page.find(class_="checklist-where").get_text(" ", strip=True)
    assert "Bộ phận một cửa phường Sa Đéc" in where and "0277 3 861 200" in where
    assert "Thứ Hai - Thứ Sáu" in where
    assert "http://testserver/thu-tuc/1.001193/" in page.find(class_="checklist-source").get_text()
    # The page's print link keeps the chosen commune.
    detail = soup(client.get("/thu-tuc/1.001193/?xa=29905"))
    assert detail.find("a", string=lambda s: s and "In danh mục" in s)["href"] == (
        "/thu-tuc/1.001193/in/?xa=29905"
    )


def test_online_link_is_the_procedures_own_page_or_says_there_is_none(client, offices):
    birth = soup(client.get("/thu-tuc/1.001193/")).find(class_="essentials")
    assert birth.find("a", string="Nộp hồ sơ trực tuyến")["href"] == PORTAL_PAGE
    record_page = soup(client.get("/thu-tuc/3.000333/")).find(class_="essentials")
    assert not record_page.find("a", string="Nộp hồ sơ trực tuyến")
    assert "Chưa có địa chỉ riêng của thủ tục này" in record_page.get_text()
    page = ProcedurePage.objects.get(code="3.000333")
    page.online_url = "https://dichvucong.gov.vn/"  # a home page is not the procedure's page
    assert online_link(page) == ""


def test_office_import_is_all_or_nothing(home_page, tmp_path):
    load_province(82)
    good = {"name": "Một cửa Sa Đéc", "kind": "mot_cua_xa", "unit_code": "29905", "address": "A"}
    bad = {"name": "X", "kind": "mot_cua_xa", "unit_code": "1", "address": "B"}
    path = write_jsonl(tmp_path / "o.jsonl", [good, bad, {**good, "latitude": "91"}])
    with pytest.raises(OfficeImportError) as error:
        import_offices(path)
    assert "dòng 2" in str(error.value) and "dòng 3" in str(error.value)
    assert not OneStopOffice.objects.exists()
    assert import_offices(write_jsonl(tmp_path / "ok.jsonl", [good])) == (1, 0)
    assert import_offices(write_jsonl(tmp_path / "ok.jsonl", [good])) == (0, 1)


# -- demo content --------------------------------------------------------------------------


@pytest.fixture
def demo(home_page):
    out = io.StringIO()
    call_command("import_procedures", str(DEMO_FILE), "--no-progress", stdout=out)
    assert "0 bản ghi lỗi" in out.getvalue()
    return ProcedurePage.objects


@pytest.mark.parametrize(
    ("code", "common", "case"),
    [
        ("1.001193", "Giấy tờ tùy thân", "Trường hợp: Trẻ bị bỏ rơi"),
        ("1.000894", "Giấy tờ tùy thân có ảnh của cả hai bên", "Trường hợp: Một bên đã ly hôn"),
        ("2.000720", "Giấy đề nghị đăng ký hộ kinh doanh", "Trường hợp: Người khác nộp"),
    ],
)
def test_demo_pages_group_documents(demo, code, common, case):
    checklist = demo.get(code=code).document_checklist()
    assert any(common in d.name for s in checklist.common for d in s.documents)
    assert any(s.heading.startswith(case) for s in checklist.cases)
    assert not any(common in d.name for s in checklist.cases for d in s.documents)


def test_demo_reads_correctly(demo):
    for page in demo.all():
        steps = " ".join(s.description for s in page.steps.all())
        assert "bên dưới" not in steps and "bên trên" not in steps, page.code
        if page.field.name != "Hộ tịch":
            assert "hộ tịch" not in steps.lower(), page.code
    household = " ".join(s.description for s in demo.get(code="2.000720").steps.all())
    assert "đăng ký kinh doanh" in household


def test_demo_file_is_data_not_python():
    lines = DEMO_FILE.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 20 and all(json.loads(line)["code"] for line in lines)


# -- editors -------------------------------------------------------------------------------


def test_editors_set_the_group_per_document_and_edit_offices(admin_client, birth):
    edit = admin_client.get(f"/admin/pages/{birth.pk}/edit/")
    assert edit.status_code == 200
    text = edit.content.decode()
    assert "Ai cần giấy tờ này" in text and "Chỉ trong một trường hợp" in text
    assert "Tình trạng có hiệu lực từ ngày" in text
    assert admin_client.get("/admin/snippets/agencies/onestopoffice/").status_code == 200
    assert admin_client.get("/admin/snippets/agencies/onestopoffice/add/").status_code == 200
