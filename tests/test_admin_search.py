"""Editors find things in the admin by number, by code and without diacritics.

Every admin search goes through Wagtail's database backend with `home.admin_search`
folding: the page search, the filtered page listings, the page chooser, snippet listings and
the legal-document chooser, which also shows number, type, status and date.
"""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.search.backends import get_search_backend

from agencies.models import Agency, AgencyKind
from home.admin_search import admin_text, normalize_query
from legal_documents.models import DocumentType, LegalDocumentIndexPage, LegalDocumentPage
from procedures_catalog.models import ProcedureIndexPage, ProcedurePage

pytestmark = pytest.mark.django_db


def test_admin_text_folds_titles_and_numbers():
    assert admin_text("Đăng ký khai sinh") == "dang ky khai sinh"
    assert admin_text(numbers=("12/QĐ-UBND",)) == "12 qd ubnd"
    assert admin_text(numbers=("2.000720",)) == "2 000720 2000720"
    assert normalize_query("12/QĐ-UBND") == "12 qd ubnd"
    assert normalize_query("12/qd-ubnd") == "12 qd ubnd"
    assert normalize_query("  12 QD   UBND ") == "12 qd ubnd"
    assert normalize_query("2.000720") == "2 000720"
    assert normalize_query("TTHC 2.000720") == "2 000720"
    assert normalize_query("thủ tục đăng ký") == "thu tuc dang ky"  # no number: words stay


@pytest.fixture
def content(home_page):
    decision = DocumentType.named("Quyết định")
    documents = LegalDocumentIndexPage.objects.get()
    wanted = LegalDocumentPage(
        title="Quyết định công bố danh mục thủ tục hành chính lĩnh vực hộ tịch",
        number="12/QĐ-UBND",
        document_type=decision,
        issued_on=datetime.date(2024, 3, 5),
    )
    documents.add_child(instance=wanted)
    other = LegalDocumentPage(
        title="Quyết định ban hành kế hoạch cải cách hành chính",
        number="112/QĐ-UBND",
        document_type=decision,
        issued_on=datetime.date(2024, 1, 2),
    )
    documents.add_child(instance=other)
    procedures = ProcedureIndexPage.objects.get()
    procedure = ProcedurePage(title="Đăng ký khai sinh", code="2.000720")
    procedures.add_child(instance=procedure)
    neighbour = ProcedurePage(title="Đăng ký kết hôn", code="1.000894")
    procedures.add_child(instance=neighbour)
    agency = Agency.objects.create(name="Sở Nội vụ", kind=AgencyKind.DEPARTMENT)
    backend = get_search_backend()
    for obj in (wanted, other, procedure, neighbour, agency):
        backend.add(obj)
    return {"document": wanted, "other": other, "procedure": procedure, "agency": agency}


@pytest.fixture
def admin_client(client, content):
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    return client


def _finds(client, url, query, wanted, unwanted=()):
    response = client.get(url, {"q": query})
    assert response.status_code == 200, (url, query)
    html = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        html = json.loads(html)["html"]  # modal views answer with their HTML in JSON
    assert wanted in html, (url, query, wanted)
    for text in unwanted:
        assert text not in html, (url, query, text)
    return html


@pytest.mark.parametrize(
    "query",
    ["12/QĐ-UBND", "12/qd-ubnd", "12 QD UBND", "12/QD-UBND", "12-QĐ-UBND", "QĐ 12",
     "qd 12/2024", "quyết định 12/2024", "văn bản số 12/QĐ-UBND"],
)  # fmt: skip
def test_documents_by_number_in_any_spelling(admin_client, content, query):
    title = content["document"].title
    other = content["other"].title
    _finds(admin_client, reverse("wagtailadmin_pages:search"), query, title, [other])
    _finds(admin_client, "/admin/van_ban/", query, title, [other])
    _finds(admin_client, reverse("wagtailadmin_choose_page_search"), query, title, [other])
    _finds(admin_client, reverse("legal_document_chooser:choose_results"), query, title, [other])


@pytest.mark.parametrize(
    "query",
    ["2.000720", "2000720", "dang ky khai sinh", "Đăng ký khai sinh", "TTHC 2.000720",
     "thủ tục 2000720", "mã 2.000720"],
)  # fmt: skip
def test_procedures_by_code_with_or_without_dot_and_without_diacritics(admin_client, query):
    _finds(admin_client, reverse("wagtailadmin_pages:search"), query, "2.000720", ["1.000894"])
    _finds(admin_client, "/admin/procedures/", query, "2.000720", ["1.000894"])


def test_snippets_without_diacritics(admin_client):
    url = reverse("wagtailsnippets_agencies_agency:list")
    _finds(admin_client, url, "so noi vu", "Sở Nội vụ")


def test_legal_document_chooser_shows_number_type_status_and_date(admin_client, content):
    html = _finds(
        admin_client, reverse("legal_document_chooser:choose"), "", content["document"].title
    )
    for text in ("Số ký hiệu", "12/QĐ-UBND", "Quyết định", "Tình trạng", "05/03/2024"):
        assert text in html, text


def test_relation_panel_uses_the_legal_document_chooser(admin_client, content):
    page = content["document"]
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert reverse("legal_document_chooser:choose") in html


def test_images_are_still_found_as_their_titles_are_written(admin_client):
    """Images index their titles as written: a folded query would miss them on PostgreSQL."""
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Hội nghị tổng kết", file=get_test_image_file())
    get_search_backend().add(image)
    _finds(admin_client, reverse("wagtailimages:index"), "Hội nghị", "Hội nghị tổng kết")
