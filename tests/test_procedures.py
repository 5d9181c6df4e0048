"""The procedure catalogue as citizens use it: URLs, filters, pages, exports, bad input."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from wagtail import hooks
from wagtail.test.utils import WagtailPageTestCase

from procedures_catalog.legal_basis import HOOK_NAME, LegalBasisItem, legal_basis_items
from procedures_catalog.models import (
    ProcedureCodeAlias,
    ProcedureIndexPage,
    ProcedureLegalBasis,
    ProcedurePage,
)
from procedures_catalog.tests.helpers import make_procedures, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(home_page):
    online = [
        {
            "mode": "truc_tuyen",
            "time_limit": "1",
            "time_unit": "ngay_lam_viec",
            "time_note": "",
            "fee_amount": "50000",
            "currency": "VND",
            "fee_note": "",
            "description": "",
        }
    ]
    return make_procedures(
        record(
            "1.001193",
            "Đăng ký khai sinh",
            online_level="toan_trinh",
            life_situations=["Có con nhỏ"],
            applicants=["Công dân Việt Nam"],
        ),
        record("1.000894", "Đăng ký kết hôn", online_level="mot_phan", channels=online),
        record(
            "2.002044",
            "Đăng ký thành lập công ty",
            field="Doanh nghiệp",
            levels=["cap_tinh"],
            implementing_agencies=["Sở Tài chính"],
            applicants=["Doanh nghiệp"],
        ),
        record(
            "2.000575",
            "Thủ tục cũ đã bãi bỏ",
            field="Doanh nghiệp",
            levels=["cap_tinh"],
            status="abolished",
            successor_code="2.002044",
            decision_number="1868/QĐ-BTC",
        ),
    )


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


class TestPageTypes(WagtailPageTestCase):
    def test_procedures_live_under_the_index_only(self):
        self.assertCanCreateAt(ProcedureIndexPage, ProcedurePage)
        self.assertCanNotCreateAt(ProcedurePage, ProcedurePage)


def test_legal_basis_is_normalised_on_save(catalogue):
    page = catalogue["1.001193"]
    basis = ProcedureLegalBasis(page=page, number="57 / QÐ-UBND")
    basis.save()
    assert basis.normalized_number == "57/qd-ubnd"


def test_code_url_is_stable_and_slug_redirects(client, catalogue):
    page = catalogue["1.001193"]
    assert page.url == "/thu-tuc/1.001193/"
    assert page.slug == "1-001193"
    assert client.get("/thu-tuc/1.001193/").status_code == 200
    response = client.get("/thu-tuc/1-001193/")
    assert response.status_code == 301 and response["Location"] == "/thu-tuc/1.001193/"


def test_changed_code_keeps_old_url(client, catalogue):
    page = ProcedurePage.objects.get(code="1.001193")
    page.code = "1.001193.DT"
    page.save_revision().publish()
    assert ProcedureCodeAlias.objects.get(code="1.001193").page_id == page.pk
    response = client.get("/thu-tuc/1.001193/in/")
    assert response.status_code == 301
    assert response["Location"] == "/thu-tuc/1.001193.DT/in/"


def test_unknown_code_is_a_404_with_a_search_form(client, catalogue):
    response = client.get("/thu-tuc/9.999999/")
    assert response.status_code == 404
    page = soup(response)
    form = page.find("main").find("form", attrs={"role": "search"})
    assert form["action"] == "/tim-kiem/"
    assert form.find("input")["value"] == "9.999999"


def test_procedure_page_puts_essentials_first(client, catalogue):
    response = client.get("/thu-tuc/1.000894/")
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Đăng ký kết hôn"
    sections = [h2.get_text(strip=True) for h2 in page.find_all("h2")]
    assert sections.index("Những điều cần biết") < sections.index("Giấy tờ cần chuẩn bị")
    essentials = page.find("section", class_="essentials").get_text(" ", strip=True)
    assert "1 ngày làm việc" in essentials and "50.000 đồng" in essentials
    assert "Trực tuyến một phần" in essentials
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "GovernmentService" and data["identifier"] == "1.000894"
    assert data["availableChannel"][0]["name"] == "Trực tuyến"


def test_free_fee_is_shown_as_free(client, catalogue):
    text = soup(client.get("/thu-tuc/1.001193/")).get_text(" ")
    assert "Miễn phí" in text


def test_abolished_procedure_is_marked_and_links_successor(client, catalogue):
    response = client.get("/thu-tuc/2.000575/")
    assert response.status_code == 200
    notice = soup(response).find(class_="notice")
    assert "đã bị bãi bỏ" in notice.get_text()
    assert notice.find("a")["href"] == "/thu-tuc/2.002044/"


def test_replaced_procedure_redirects_to_successor(client, catalogue):
    ProcedurePage.objects.filter(code="2.000575").update(status="replaced")
    response = client.get("/thu-tuc/2.000575/")
    assert response.status_code == 302
    assert response["Location"] == "/thu-tuc/2.002044/?thay-the=2.000575"
    follow = soup(client.get(response["Location"]))
    assert "đã được thay thế bằng thủ tục này" in follow.get_text()
    assert client.get("/thu-tuc/2.000575/?xem=1").status_code == 200


def test_legal_basis_hook_links_and_warns(client, catalogue):
    def mark(page, items):
        for item in items:
            item.url = f"/van-ban/{item.normalized_number.replace('/', '-')}/"
            item.notice = "Hết hiệu lực toàn bộ từ 01/01/2026"
            item.is_problem = True
        return items

    with hooks.register_temporarily(HOOK_NAME, mark):
        items = legal_basis_items(catalogue["1.001193"])
        assert items == [
            LegalBasisItem(
                number="123/2015/NĐ-CP",
                title="",
                normalized_number="123/2015/nd-cp",
                url="/van-ban/123-2015-nd-cp/",
                is_problem=True,
                notice="Hết hiệu lực toàn bộ từ 01/01/2026",
            )
        ]
        page = soup(client.get("/thu-tuc/1.001193/"))
    notice = page.find(class_="legal-notice")
    assert "Căn cứ pháp lý của thủ tục đã thay đổi" in notice.get_text()
    assert page.select_one(".legal-basis a")["href"] == "/van-ban/123-2015-nd-cp/"


def test_printable_checklist_has_a_box_per_document(client, catalogue):
    response = client.get("/thu-tuc/1.001193/in/")
    assert response.status_code == 200
    page = soup(response)
    assert len(page.select(".tick-list li .tick")) == 1
    assert "Tờ khai theo mẫu" in page.select_one(".tick-list").get_text()
    assert client.get("/thu-tuc/1.001193/?print").status_code == 200


def test_index_filters_combine_with_counts(client, catalogue):
    page = soup(client.get("/thu-tuc/"))
    assert page.find(id="results-title").get_text(strip=True) == "3 thủ tục"  # abolished hidden
    field_options = {o.get_text(strip=True) for o in page.select("#f-linh-vuc option")}
    assert "Hộ tịch (2)" in field_options and "Doanh nghiệp (1)" in field_options
    response = client.get("/thu-tuc/?linh-vuc=ho-tich&truc-tuyen=toan-trinh")
    page = soup(response)
    titles = [a.get_text(strip=True) for a in page.select(".procedure-list a")]
    assert titles == ["Đăng ký khai sinh"]
    assert len(page.select(".active-filters li")) == 2
    response = client.get("/thu-tuc/?tinh-trang=het-hieu-luc")
    assert [a.get_text(strip=True) for a in soup(response).select(".procedure-list a")] == [
        "Thủ tục cũ đã bãi bỏ"
    ]


def test_sort_by_code(client, catalogue):
    page = soup(client.get("/thu-tuc/?sap-xep=ma"))
    codes = [a["href"] for a in page.select(".procedure-list a")]
    assert codes == ["/thu-tuc/1.000894/", "/thu-tuc/1.001193/", "/thu-tuc/2.002044/"]


def test_empty_result_suggests_widening(client, catalogue):
    response = client.get("/thu-tuc/?linh-vuc=doanh-nghiep&truc-tuyen=toan-trinh")
    assert response.status_code == 200
    assert "Hãy bỏ bớt một bộ lọc" in soup(response).get_text()


@pytest.mark.parametrize(
    "query",
    [
        ("linh-vuc=khong-co", 400),
        ("trang=abc", 400),
        ("trang=99", 404),
        ("sap-xep=drop-table", 400),
        ("tinh-trang=zz", 400),
        ("trang=-1", 400),
        ("dinh-dang=pdf", 400),
    ],
)
def test_bad_input_is_a_4xx_with_a_message(client, catalogue, query):
    query, status = query
    response = client.get(f"/thu-tuc/?{query}")
    assert response.status_code == status
    assert soup(response).find(class_="notice danger", attrs={"role": "alert"})


def test_field_agency_and_life_situation_pages(client, catalogue):
    page = soup(client.get("/thu-tuc/linh-vuc/doanh-nghiep/"))
    assert page.h1.get_text(strip=True) == "Thủ tục thuộc lĩnh vực: Doanh nghiệp"
    assert [a.get_text(strip=True) for a in page.select(".procedure-list a")] == [
        "Đăng ký thành lập công ty"
    ]
    page = soup(client.get("/thu-tuc/co-quan/so-tai-chinh/"))
    assert len(page.select(".procedure-list li")) == 1
    page = soup(client.get("/thu-tuc/su-kien/co-con-nho/"))
    assert [a.get_text(strip=True) for a in page.select(".procedure-list a")] == [
        "Đăng ký khai sinh"
    ]
    assert client.get("/thu-tuc/linh-vuc/khong-co/").status_code == 404


def test_exports_follow_the_filters(client, catalogue):
    response = client.get("/thu-tuc/xuat.csv?linh-vuc=ho-tich")
    assert response.status_code == 301
    assert response["Location"] == "/thu-tuc/?linh-vuc=ho-tich&dinh-dang=csv"
    response = client.get("/thu-tuc/?linh-vuc=ho-tich&dinh-dang=csv")
    assert response.status_code == 200 and response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Mã thủ tục"
    assert sorted(r[0] for r in rows[1:]) == ["1.000894", "1.001193"]
    assert {"Thời hạn giải quyết", "Phí, lệ phí", "Thành phần hồ sơ"} <= set(rows[0])
    response = client.get("/thu-tuc/?cap=cap-tinh&tinh-trang=tat-ca&dinh-dang=json")
    data = json.loads(b"".join(response.streaming_content))
    assert data["filters"] == {"cap": "cap-tinh", "tinh-trang": "tat-ca"}
    items = data["items"]
    assert sorted(d["code"] for d in items) == ["2.000575", "2.002044"]
    assert items[0]["url"].endswith(f"/thu-tuc/{items[0]['code']}/")
    assert {"time_limits", "fees", "documents"} <= set(items[0])
    assert client.get("/thu-tuc/?cap=khong&dinh-dang=json").status_code == 400


def _more(n, start):
    return [
        record(
            f"5.{start + i:06d}",
            f"Thủ tục số {i}",
            field=f"Lĩnh vực {i % 4}",
            implementing_agencies=[f"Cơ quan {i % 3}"],
            levels=["cap_tinh", "cap_xa"],
        )
        for i in range(n)
    ]


def test_queries_do_not_grow_with_the_catalogue(client, catalogue, django_assert_max_num_queries):
    def counts():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        result = []
        for url in ("/thu-tuc/", "/thu-tuc/?linh-vuc=ho-tich&cap=cap-xa", "/thu-tuc/1.001193/"):
            client.get(url)  # shared fragments (facets, frame) are rebuilt after a change
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    client.get("/thu-tuc/")  # warm caches (site root paths, settings)
    small = counts()
    make_procedures(*_more(25, 0))
    large = counts()
    assert large == small, (small, large)
    with django_assert_max_num_queries(12):
        client.get("/thu-tuc/")
