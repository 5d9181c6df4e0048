"""The API endpoint by endpoint: filters with the lists' names, paging, privacy, bad input."""

from __future__ import annotations

import json

import pytest

from api.tests.conftest import SECRET

pytestmark = pytest.mark.django_db


def get(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def dump(data) -> str:
    return json.dumps(data, ensure_ascii=False)


def test_procedures_list_filters_pages_and_leaves_private_ones_out(client, content):
    data = get(client, "/api/v1/procedures")
    codes = [item["code"] for item in data["items"]]
    assert codes == ["2.000720", "1.001193"]  # by name: "Cấp..." before "Đăng..."
    assert SECRET not in dump(data) and "Bản nháp" not in dump(data)
    assert data["count"] == 2 and data["pages"] == 1 and data["next"] is None

    data = get(client, "/api/v1/procedures?linh-vuc=ho-tich&sap-xep=ma")
    assert [item["code"] for item in data["items"]] == ["1.001193"]
    assert data["filters"] == {"linh-vuc": "ho-tich", "sap-xep": "ma"}
    assert data["items"][0]["api_url"].endswith("/api/v1/procedures/1.001193")
    assert data["items"][0]["url"].endswith("/thu-tuc/1.001193/")

    data = get(client, "/api/v1/procedures?cap=cap-tinh")
    assert [item["code"] for item in data["items"]] == ["2.000720"]


def test_procedure_detail_is_the_full_record(client, content):
    data = get(client, "/api/v1/procedures/1.001193")
    assert data["name"] == "Đăng ký khai sinh"
    channel = data["channels"][0]
    assert channel["mode"]["value"] == "truc_tiep" and channel["time_limit"] == 3.0
    assert channel["fee_amount"] == 0 and channel["fee_label"] == "Miễn phí"
    assert data["documents"]["common"][0]["documents"][0]["name"] == "Tờ khai theo mẫu"
    assert data["steps"] == [{"title": "Bước 1", "description": "Nộp hồ sơ."}]
    assert data["legal_basis"][0]["number"] == "123/2015/NĐ-CP"
    assert "offices" in data and data["offices"]["commune"] is None


def test_private_and_unpublished_procedures_are_404(client, content):
    for code in ("3.000001", "3.000002", "9.999999"):
        assert get(client, f"/api/v1/procedures/{code}", status=404)["status"] == 404


def test_bad_parameters_are_400_in_vietnamese_json(client, content):
    for url, words in [
        ("/api/v1/procedures?linh-vuc=khong-co", "Lĩnh vực “khong-co” không có trong danh mục"),
        ("/api/v1/procedures?trang=abc", "“trang”"),
        ("/api/v1/procedures?sap-xep=gia", "không nằm trong danh sách"),
        ("/api/v1/legal-documents?tu-ngay=32/13/2024", "Ngày bắt đầu không hợp lệ"),
        ("/api/v1/legal-documents?nam=1800", "“nam”"),
        ("/api/v1/remedies?don-vi=khong-co", "Đơn vị “khong-co”"),
        ("/api/v1/news?thang=5", "Tháng cần đi kèm năm"),
        ("/api/v1/statistics?ky=quy-2025", "“ky” “quy-2025” không đúng dạng"),
        ("/api/v1/procedures?trang=%C2%B2", "chỉ dùng các chữ số 0-9"),  # the request guard
        ("/api/v1/news?chuyen-muc=a%00b", "ký tự điều khiển"),
    ]:
        data = get(client, url, status=400)
        assert words in data["message"], (url, data)
        assert "đã được bỏ qua" not in data["message"]  # nothing is shown without it
        assert data["errors"]


def test_page_past_the_end_is_404_and_pages_link_with_filters(client, content):
    data = get(client, "/api/v1/procedures?trang=5", status=404)
    assert "Không có trang 5" in data["message"]
    data = get(client, "/api/v1/legal-documents?sap-xep=so")
    assert data["page"] == 1 and data["page_size"] == 20


def test_legal_documents_relations_both_ways_without_private_ones(client, content):
    data = get(client, "/api/v1/legal-documents?nam=2019")
    assert [item["number"] for item in data["items"]] == ["10/2019/QĐ-UBND"]
    assert SECRET not in dump(data)

    data = get(client, "/api/v1/legal-documents?so=20/2024/qd-ubnd")
    assert [item["number"] for item in data["items"]] == ["20/2024/QĐ-UBND"]
    detail = get(client, data["items"][0]["api_url"].split("testserver")[1])
    relations = {(r["direction"], r["label"], r["document"]["number"]) for r in detail["relations"]}
    assert ("out", "Thay thế", "10/2019/QĐ-UBND") in relations
    assert ("in", "Được sửa đổi bởi", "21/2024/QĐ-UBND") in relations

    old = get(client, f"/api/v1/legal-documents/{content['old'].slug}")
    assert old["status"]["value"] == "het_toan_bo"
    labels = [row["label"] for row in old["history"]]
    assert "Bị thay thế" in labels
    assert {"in"} == {r["direction"] for r in old["relations"]}


def test_private_document_is_404_and_not_named_anywhere(client, content):
    from legal_documents.models import LegalDocumentPage

    private = LegalDocumentPage.objects.get(number="11/2019/QĐ-UBND")
    get(client, f"/api/v1/legal-documents/{private.slug}", status=404)
    assert SECRET not in dump(get(client, "/api/v1/legal-documents"))


def test_expired_documents_years_and_year(client, content):
    years = get(client, "/api/v1/expired-documents")
    assert 2025 in [year["year"] for year in years]
    data = get(client, "/api/v1/expired-documents/2025?nhom=het-toan-bo")
    assert data["year"] == 2025 and data["totals"]["documents"] >= 1
    assert [row["document"]["number"] for row in data["items"]] == ["10/2019/QĐ-UBND"]
    assert data["items"][0]["listed"][0]["date"] == "2025-03-01"
    get(client, "/api/v1/expired-documents/1800", status=400)


def test_news_list_and_detail(client, content):
    data = get(client, "/api/v1/news?chuyen-muc=cai-cach-thu-tuc-hanh-chinh&nam=2025&thang=5")
    assert [item["title"] for item in data["items"]] == ["Tin công khai"]
    assert data["items"][0]["date"] == "2025-05-06"
    assert "Tin nháp" not in dump(get(client, "/api/v1/news"))
    detail = get(client, f"/api/v1/news/{content['article'].slug}")
    assert detail["standfirst"] and "body_html" in detail
    assert get(client, "/api/v1/news?nam=2024")["count"] == 0


def test_inspections_with_findings_and_remedies(client, content):
    data = get(client, "/api/v1/inspections?nam=2025")
    assert [item["title"] for item in data["items"]] == ["Kiểm tra Sở Tư pháp 2025"]
    assert SECRET not in dump(get(client, "/api/v1/inspections"))
    detail = get(client, f"/api/v1/inspections/{content['inspection'].slug}")
    assert {f["kind"]["value"] for f in detail["findings"]} == {"strength", "shortcoming"}
    assert len(detail["remedies"]) == 2
    overdue = get(client, "/api/v1/remedies?tinh-trang=qua-han")
    assert [r["deadline"] for r in overdue["items"]] == ["2025-04-30"]
    assert overdue["items"][0]["status"]["value"] == "qua-han"
    done = get(client, f"/api/v1/remedies?tinh-trang=hoan-thanh&don-vi={content['agency'].slug}")
    assert [r["completed_on"] for r in done["items"]] == ["2025-06-01"]


def test_statistics(client, content):
    data = get(client, "/api/v1/statistics")
    assert data["period"]["key"] == "quy-2025-2"
    assert data["items"][0]["figures"]["tiep_nhan"] == 120
    assert (
        get(client, "/api/v1/statistics?ky=quy-2025-1")["items"][0]["figures"][
            "giai_quyet_dung_han"
        ]
        == 90
    )
    periods = get(client, "/api/v1/statistics/periods")
    assert [p["period"]["key"] for p in periods] == ["quy-2025-1", "quy-2025-2"]
    agency = get(client, f"/api/v1/statistics/agencies/{content['agency'].slug}")
    assert len(agency["items"]) == 2
    get(client, "/api/v1/statistics/agencies/khong-co", status=404)
    get(client, "/api/v1/statistics?ky=quy-2030-1", status=404)


def test_cors_caching_and_unknown_paths(client, content):
    response = client.get("/api/v1/news", HTTP_ORIGIN="https://bao.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    assert response.has_header("ETag")
    again = client.get("/api/v1/news", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    preflight = client.options(
        "/api/v1/news",
        HTTP_ORIGIN="https://bao.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    refused = client.get("/api/v1/procedures?trang=x", HTTP_ORIGIN="https://bao.example")
    assert refused["Access-Control-Allow-Origin"] == "*"  # browsers can read the message
    assert "no-store" in refused["Cache-Control"]
    assert get(client, "/api/v1/khong-co", status=404)["status"] == 404
    # The site's pages are not opened to other origins.
    page = client.get("/thu-tuc/", HTTP_ORIGIN="https://bao.example")
    assert not page.has_header("Access-Control-Allow-Origin")


def test_rate_limit_answers_429_in_json(client, content, settings):
    from django.core.cache import cache

    cache.clear()
    # The test client loads the middleware (and its rules) at its first request.
    settings.RATE_LIMITS = [("api", r"^/api/v1/", "2/m")]
    statuses = []
    for _ in range(3):
        response = client.get("/api/v1/statistics/periods")
        statuses.append(response.status_code)
    assert statuses == [200, 200, 429]
    assert response["Retry-After"] == "60"
    assert "quá nhiều yêu cầu" in response.json()["message"]


def test_openapi_description_and_documentation_page(client, content):
    schema = get(client, "/api/v1/openapi.json")
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {
        "/api/v1/procedures",
        "/api/v1/procedures/{code}",
        "/api/v1/legal-documents",
        "/api/v1/legal-documents/{slug}",
        "/api/v1/expired-documents",
        "/api/v1/expired-documents/{year}",
        "/api/v1/news",
        "/api/v1/news/{slug}",
        "/api/v1/inspections",
        "/api/v1/inspections/{slug}",
        "/api/v1/remedies",
        "/api/v1/statistics",
        "/api/v1/statistics/periods",
        "/api/v1/statistics/agencies/{slug}",
    } == paths
    parameters = {p["name"] for p in schema["paths"]["/api/v1/procedures"]["get"]["parameters"]}
    assert {"linh-vuc", "co-quan", "cap", "doi-tuong", "truc-tuyen", "tinh-trang"} <= parameters
    assert {"sap-xep", "trang"} <= parameters

    page = client.get("/du-lieu-mo/api/")
    assert page.status_code == 200
    html = page.content.decode()
    for path in paths:
        assert path in html
    assert html.count('class="api-endpoint"') == len(paths)
    assert html.count("Câu trả lời hiện nay (mã 200") == len(paths)  # every example works
    assert "/api/v1/procedures/1.001193" in html
    assert 'href="/du-lieu-mo/api/"' in client.get("/").content.decode()


def test_old_procedure_code_redirects_to_the_current_record(client, content):
    page = content["procedures"]["1.001193"]
    page.code = "1.001193-moi"
    page.save_revision().publish()
    response = client.get("/api/v1/procedures/1.001193?xa=")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/procedures/1.001193-moi?xa="
    assert get(client, response["Location"])["code"] == "1.001193-moi"


def test_rich_text_links_are_absolute_for_other_sites(client, content):
    inspection = content["inspection"]
    inspection.conclusion = '<p>Xem <a href="/van-ban/">danh mục</a>.</p>'
    inspection.save_revision().publish()
    data = get(client, f"/api/v1/inspections/{inspection.slug}")
    assert 'href="http://testserver/van-ban/"' in data["conclusion_html"]


def test_empty_parameters_are_absent_as_on_the_lists(client, content):
    data = get(client, "/api/v1/procedures?linh-vuc=&trang=&sap-xep=&cap=cap-tinh")
    assert [item["code"] for item in data["items"]] == ["2.000720"]
    assert data["filters"] == {"cap": "cap-tinh"}
    get(client, "/api/v1/legal-documents?loai=&nam=&tu-ngay=&den-ngay=&so=")
    get(client, "/api/v1/remedies?don-vi=&tinh-trang=&nhom=")
