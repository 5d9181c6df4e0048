"""Index pages (PAR, SIPAS, 766), per-commune figures, figure trends and the statistics
search kind: accessible SVG with its table, Vietnamese numbers, CSV and JSON."""

import csv
import io
import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from administrative_units.models import AdministrativeUnit
from agencies.models import Agency
from reform_statistics.demo import load_indices
from reform_statistics.models import AgencyStatistics, DossierStatistics, IndexKind, IndexScore
from reform_statistics.search_documents import agency_statistics_document, index_score_document
from search.documents import KIND_STATISTICS

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def streamed(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.fixture
def indices(home_page):
    return load_indices()


def test_par_page_chart_is_accessible_svg_beside_its_table(client, indices):
    page = soup(client.get("/thong-ke/chi-so/par-index/"))
    svg = page.select_one("figure.stats-chart svg")
    assert svg["role"] == "img"
    title = page.find(id=svg["aria-labelledby"])
    desc = page.find(id=svg["aria-describedby"])
    assert title.name == "title" and title.get_text() == "Chỉ số CCHC qua các kỳ"
    assert desc.get_text() == (
        "Từ Năm 2021 (82,12%) đến Năm 2024 (89,90%). Năm 2024: xếp thứ 17/63."
    )
    assert not page.select(
        "script[src^='http'], link[rel=stylesheet][href^='http'], img[src^='http']"
    )
    assert "http" not in str(svg).replace("http://www.w3.org/2000/svg", "")
    rows = [
        [cell.get_text(strip=True) for cell in tr.select("th, td")]
        for tr in page.select(".index-table tbody tr")
    ]
    assert rows[0][:3] == ["Năm 2024", "89,90%", "17/63"]
    assert len(rows) == 4
    assert "Cải cách thủ tục hành chính" in page.get_text()
    assert "11,60/12,50" in page.get_text()


def test_sipas_groups_and_766_points(client, indices):
    text = soup(client.get("/thong-ke/chi-so/sipas/")).get_text()
    assert "83,93%" in text and "78,79%" in text
    page = soup(client.get("/thong-ke/chi-so/766/"))
    assert "Quý IV/2025" in page.get_text() and "điểm" in page.get_text()
    # Points are not percentages: no % on the 766 axis.
    assert not any("%" in t.get_text() for t in page.select("svg g.grid text"))
    listing = soup(client.get("/thong-ke/chi-so/")).get_text()
    assert "89,90% Năm 2024, xếp thứ 17/63" in " ".join(listing.split())


def test_index_source_links_to_the_register_when_there(client, indices, home_page):
    from legal_documents.models import LegalDocumentIndexPage, LegalDocumentPage

    result = IndexScore.objects.get(index=IndexKind.SIPAS, year=2024)
    document = LegalDocumentIndexPage.objects.get().add_child(
        instance=LegalDocumentPage(title="Báo cáo kết quả SIPAS 2024", number="15/BC-UBND")
    )
    result.source_document = document
    result.save()
    page = soup(client.get("/thong-ke/chi-so/sipas/"))
    assert page.select_one("#nam-2024-1 a")["href"] == document.url


def test_index_csv_and_json(client, indices):
    rows = list(
        csv.reader(io.StringIO(streamed(client.get("/thong-ke/chi-so/par-index/?dinh-dang=csv"))))
    )
    assert rows[0][:4] == ["Kỳ", "Chỉ số CCHC (%)", "Xếp hạng", "Trên tổng số tỉnh"]
    assert "Cải cách chế độ công vụ" in rows[0]
    assert rows[-1][:4] == ["Năm 2024", "89.9", "17", "63"]
    data = json.loads(streamed(client.get("/thong-ke/chi-so/sipas/?dinh-dang=json")))
    latest = data["items"][-1]
    assert latest["diem"] == 84.06 and latest["thanh_phan"][0]["ten"] == "Sở, ban, ngành"
    assert not any(key.startswith("tp_") for key in latest)
    assert client.get("/thong-ke/chi-so/khong-co/").status_code == 404
    assert client.get("/thong-ke/chi-so/sipas/?dinh-dang=xml").status_code == 400


def test_index_validation_in_vietnamese(indices):
    from django.core.exceptions import ValidationError

    result = IndexScore(index=IndexKind.SIPAS, year=2024, score=Decimal("101"), rank=3)
    with pytest.raises(ValidationError) as error:
        result.full_clean()
    messages = error.value.message_dict
    assert messages["score"] == ["Điểm hoặc tỷ lệ phải từ 0 đến 100."]
    assert "Đã có kết quả chỉ số này" in messages["year"][0]
    assert "ranked_count" in messages


@pytest.fixture
def communes(home_page):
    province = AdministrativeUnit.objects.create(code="99", name="Tỉnh Mẫu", division_type="tinh")
    units = [
        AdministrativeUnit.objects.create(code=code, name=name, division_type="xa", parent=province)
        for code, name in (("99001", "Xã An Bình"), ("99002", "Phường Bình Minh"))
    ]
    agency = Agency.objects.create(name="Ủy ban nhân dân xã Mẫu", kind="ubnd")
    for unit, late in zip(units, (3, 9), strict=True):
        for quarter in (1, 2):
            DossierStatistics.objects.create(
                agency=agency, administrative_unit=unit, period_kind="quy", year=2025,
                number=quarter, received_in_person=100, received_online=100, received_by_post=4,
                resolved_on_time=180, resolved_late=late + quarter, in_progress_on_time=10,
            )  # fmt: skip
    return agency, units


def test_commune_table_sorts_and_exports(client, communes):
    agency, units = communes
    page = soup(client.get("/thong-ke/xa-phuong/?sap-xep=tre_han"))
    names = [th.get_text(strip=True) for th in page.select(".commune-table tbody th")]
    assert names == [units[1].name, units[0].name]  # 11 late before 5
    cells = [td.get_text() for td in page.select(".commune-table tbody tr")[0].select("td")]
    assert cells[:2] == ["204", "11"]
    data = json.loads(streamed(client.get("/thong-ke/xa-phuong/?ky=quy-2025-1&dinh-dang=json")))
    assert {item["ma_xa"] for item in data["items"]} == {u.code for u in units}
    detail = soup(client.get(f"/thong-ke/xa-phuong/{units[0].code}/"))
    assert detail.h1.get_text() == f"Bộ phận một cửa {units[0].name}"
    assert detail.select_one("svg[role=img] title")
    assert client.get("/thong-ke/xa-phuong/00000/").status_code == 404
    # The agency's page lists its communes.
    agency_page = soup(client.get(f"/thong-ke/co-quan/{agency.slug}/")).get_text()
    assert units[0].name in agency_page


def test_figure_trend_pages(client, communes):
    page = soup(client.get("/thong-ke/chi-tieu/tre-han/"))
    assert page.h1.get_text() == "Hồ sơ trễ hạn qua các kỳ"
    assert page.select_one("svg title").get_text() == "Hồ sơ trễ hạn theo kỳ, toàn tỉnh"
    rows = [[c.get_text(strip=True) for c in tr.select("th, td")] for tr in page.select("tbody tr")]
    assert rows == [["Quý II/2025", "16"], ["Quý I/2025", "14"]]
    text = streamed(client.get("/thong-ke/chi-tieu/dung-han/?dinh-dang=csv"))
    assert text.splitlines() == [
        "Kỳ,Giải quyết đúng hạn (%)",
        "Quý I/2025,96.26",
        "Quý II/2025,95.74",
    ]
    assert client.get("/thong-ke/chi-tieu/khong-co/").status_code == 404


def test_home_figures_carry_period_source_and_link(client, communes):
    page = soup(client.get("/"))
    figure = page.select_one(".figures .figure-list li")
    assert figure.select_one("a")["href"] == "/thong-ke/chi-tieu/tiep-nhan/"
    assert "Quý II/2025" in figure.get_text()


def test_statistics_search_documents(communes, indices):
    agency, _ = communes
    document = agency_statistics_document(AgencyStatistics.objects.get(pk=agency.pk))
    assert document.kind == KIND_STATISTICS
    assert document.url == f"/thong-ke/co-quan/{agency.slug}/"
    assert "Quý II/2025: 408 hồ sơ tiếp nhận" in document.summary
    empty = Agency.objects.create(name="Sở Không Số Liệu", kind="so")
    assert agency_statistics_document(AgencyStatistics.objects.get(pk=empty.pk)) is None
    result = IndexScore.objects.get(index=IndexKind.PAR, year=2024)
    document = index_score_document(result)
    assert document.url == "/thong-ke/chi-so/par-index/#nam-2024-1"
    assert "xếp thứ 17/63" in document.summary


def test_procedure_page_links_its_agency_to_its_figures(client, home_page):
    from procedures_catalog.tests.helpers import make_procedures, record

    pages = make_procedures(
        record("1.001612", "Cấp giấy phép hành nghề", implementing_agencies=["Sở Y tế"])
    )
    health = Agency.objects.get(name="Sở Y tế")
    page_url = pages["1.001612"].url
    assert "Số liệu giải quyết hồ sơ" not in client.get(page_url).content.decode()
    DossierStatistics.objects.create(
        agency=health, period_kind="quy", year=2025, number=4, received_online=10,
        resolved_on_time=9,
    )  # fmt: skip
    link = soup(client.get(page_url)).find("a", string="Số liệu giải quyết hồ sơ")
    assert link["href"] == f"/thong-ke/co-quan/{health.slug}/"
