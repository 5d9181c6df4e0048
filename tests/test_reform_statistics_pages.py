"""Public statistics pages: headline figures, the accessible chart, sorting, CSV/JSON, home."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup

from agencies.models import Agency
from home.models import HeadlineFigure
from reform_statistics.demo import STATISTICS_FILE
from reform_statistics.importing import import_statistics
from reform_statistics.models import DossierStatistics

pytestmark = pytest.mark.django_db


def counts(received, online, on_time, late, in_progress=0):
    return {
        "received_in_person": received - online,
        "received_online": online,
        "resolved_on_time": on_time,
        "resolved_late": late,
        "in_progress_on_time": in_progress,
    }


@pytest.fixture
def figures(home_page):
    centre = Agency.objects.create(name="Trung tâm Phục vụ hành chính công", kind="trung_tam")
    justice = Agency.objects.create(name="Sở Tư pháp", kind="so")
    building = Agency.objects.create(name="Sở Xây dựng", kind="so")
    for number, (c, j, b) in enumerate(
        [
            (counts(2000, 400, 1800, 200), counts(500, 100, 490, 10), counts(300, 30, 250, 50)),
            (counts(2084, 500, 1604, 10, 470), counts(600, 300, 580, 20), counts(0, 0, 0, 0)),
        ],
        start=1,
    ):
        for agency, values in ((centre, c), (justice, j), (building, b)):
            DossierStatistics.objects.create(
                agency=agency, period_kind="quy", year=2025, number=number, **values
            )
    return {"centre": centre, "justice": justice, "building": building}


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def load_json(response):
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))


def agency_order(page):
    return [th.get_text(strip=True) for th in page.select(".agency-table tbody th")]


def test_headline_figures_of_the_latest_period(client, figures):
    page = soup(client.get("/thong-ke/"))
    headline = page.select_one(".stats-figures").get_text(" ", strip=True)
    assert "Quý II/2025" in page.select_one("#headline-title").get_text()
    # 2084 + 600 + 0 received; (1604 + 580) / (1614 + 600) on time.
    assert "2.684" in headline
    assert "98,64%" in headline
    assert "từ 01/04/2025 đến 30/06/2025" in page.get_text(" ").lower()


def test_trend_chart_is_accessible_svg_with_its_table(client, figures):
    page = soup(client.get("/thong-ke/"))
    svg = page.select_one("figure.stats-chart svg")
    assert svg["role"] == "img"
    title, desc = svg.find("title"), svg.find("desc")
    assert title.get_text() == "Tỷ lệ hồ sơ giải quyết đúng hạn theo kỳ"
    # (1800+490+250)/(2000+500+300) = 90,71% then 98,64%.
    assert "Quý I/2025 (90,71%)" in desc.get_text()
    assert "Quý II/2025 (98,64%)" in desc.get_text()
    assert svg["aria-labelledby"] == title["id"]
    assert svg["aria-describedby"] == desc["id"]
    assert len(svg.select("circle")) == 2
    # Coordinates are SVG numbers, not localised ("48,0" would break the drawing).
    assert all("," not in circle["cx"] for circle in svg.select("circle"))
    ids = [element["id"] for element in page.select("[id]")]
    assert len(ids) == len(set(ids)), "an id used twice breaks aria-labelledby"
    assert not page.select("main script, figure script")
    table_rows = [tr.get_text(" ", strip=True) for tr in page.select("#trend-title ~ div tr")]
    assert any("Quý I/2025" in row and "90,71%" in row for row in table_rows)


def test_agency_table_sorts_by_each_key(client, figures):
    by_late = agency_order(soup(client.get("/thong-ke/?ky=quy-2025-1&sap-xep=tre_han")))
    assert by_late == ["Trung tâm Phục vụ hành chính công", "Sở Xây dựng", "Sở Tư pháp"]
    by_rate = agency_order(soup(client.get("/thong-ke/?ky=quy-2025-1&sap-xep=dung_han")))
    assert by_rate == ["Sở Xây dựng", "Trung tâm Phục vụ hành chính công", "Sở Tư pháp"]
    by_online = agency_order(soup(client.get("/thong-ke/?ky=quy-2025-2&sap-xep=truc_tuyen")))
    # Sở Xây dựng received nothing: no share, listed last.
    assert by_online == ["Sở Tư pháp", "Trung tâm Phục vụ hành chính công", "Sở Xây dựng"]
    page = soup(client.get("/thong-ke/?ky=quy-2025-2&sap-xep=truc_tuyen"))
    assert "–" in page.select(".agency-table tbody tr")[-1].get_text()
    links = [a["href"] for a in page.select(".stats-sorts a")]
    assert "/thong-ke/?ky=quy-2025-2&sap-xep=dung_han" in links


@pytest.mark.parametrize(
    "query", ["?sap-xep=bua", "?ky=quy-2025", "?ky=tuan-2025-1", "?dinh-dang=xml"]
)
def test_bad_queries_get_400_in_vietnamese(client, figures, query):
    response = client.get("/thong-ke/" + query)
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()


def test_unknown_period_or_agency_is_404(client, figures):
    assert client.get("/thong-ke/?ky=quy-2019-1").status_code == 404
    assert client.get("/thong-ke/co-quan/khong-co/").status_code == 404


def test_csv_and_json_of_the_agency_table(client, figures):
    response = client.get("/thong-ke/?ky=quy-2025-1&sap-xep=tre_han&dinh-dang=csv")
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    records = list(csv.DictReader(io.StringIO(content)))
    assert records[0]["Cơ quan"] == "Trung tâm Phục vụ hành chính công"
    assert records[0]["Tiếp nhận"] == "2000" and records[0]["Tỷ lệ đúng hạn (%)"] == "90.0"
    data = load_json(client.get("/thong-ke/?ky=quy-2025-2&dinh-dang=json"))["items"]
    building = next(r for r in data if r["co_quan"] == "Sở Xây dựng")
    assert building["ty_le_dung_han"] is None and building["tiep_nhan"] == 0
    trend = load_json(client.get("/thong-ke/theo-ky/?dinh-dang=json"))["items"]
    assert [r["ky"] for r in trend] == ["Quý I/2025", "Quý II/2025"]


def test_agency_page_with_history_and_exports(client, figures):
    page = soup(client.get(f"/thong-ke/co-quan/{figures['justice'].slug}/"))
    assert page.h1.get_text() == "Sở Tư pháp"
    assert page.select_one("svg[role=img] title").get_text().startswith("Tỷ lệ đúng hạn của")
    rows = [tr.get_text(" ", strip=True) for tr in page.select(".stats-table tbody tr")]
    assert rows[0].startswith("Quý II/2025") and "96,67%" in rows[0]
    url = f"/thong-ke/co-quan/{figures['justice'].slug}/?dinh-dang=json"
    assert load_json(client.get(url))["count"] == 2
    assert client.get(url.replace("json", "pdf")).status_code == 400


def test_home_figures_come_from_statistics_when_there_are_any(client, home_page):
    HeadlineFigure.objects.create(page=home_page, value="83,93%", label="Chỉ số SIPAS")
    assert "Chỉ số SIPAS" in client.get("/").content.decode()
    Agency.objects.create(name="Sở Tư pháp", kind="so")
    DossierStatistics.objects.create(
        agency=Agency.objects.get(),
        period_kind="quy",
        year=2025,
        number=3,
        **counts(2084, 500, 1604, 10, 470),
    )
    body = soup(client.get("/")).select_one(".figures").get_text(" ", strip=True)
    assert "Chỉ số SIPAS" not in body
    assert "2.084" in body and "99,38%" in body and "Quý III/2025" in body


def test_empty_statistics_page(client, home_page):
    assert "Chưa có số liệu thống kê" in client.get("/thong-ke/").content.decode()


def test_demo_file_imports_cleanly_for_the_demo_agencies(home_page):
    from io import StringIO

    from agencies.demo import load as load_agencies

    load_agencies(home_page, StringIO())
    result = import_statistics(STATISTICS_FILE)
    assert result.errors == []
    assert result.created == 56
    periods = set(DossierStatistics.objects.values_list("year", "number"))
    assert len(periods) == 8
    assert import_statistics(STATISTICS_FILE).updated == 56
