"""Private stays private: no title, summary or link of a view-restricted or unpublished page on
any public page that lists related pages, and documents used only by such pages are served
only to those allowed (editors, visitors who passed the page's password)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from base.visibility import is_public, public_q
from legal_documents.models import (
    DocumentFile,
    EventKind,
    HistoryEvent,
    LegalDocumentPage,
    ListGroup,
    RelationKind,
)
from legal_documents.tests.helpers import D, make_document, make_list, publish
from news.tests.factories import make_article, make_category
from procedures_catalog.choices import ProcedureStatus
from procedures_catalog.models import ProcedureIndexPage, ProcedureLegalBasis, ProcedurePage

pytestmark = pytest.mark.django_db

SECRET = "Văn bản mật không được lộ"


def restrict(page, password="bimat-123"):  # noqa: S107
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
    )


def procedure(code, title, citations=(), **values):
    index = ProcedureIndexPage.objects.get()
    page = ProcedurePage(title=title, code=code, **values)
    page.legal_basis = [ProcedureLegalBasis(number=n, title=t) for n, t in citations]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def html(client, url) -> str:
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    return response.content.decode()


def test_visibility_helpers_follow_restrictions_of_ancestors(home_page):
    document = make_document("1/QĐ-UBND", "Công khai")
    assert is_public(document)
    restrict(document.get_parent())
    document.refresh_from_db()
    assert not is_public(document)
    assert not LegalDocumentPage.objects.filter(public_q(), pk=document.pk).exists()


def test_yearly_list_and_year_view_leave_private_documents_out(home_page, client):
    public = make_document("10/2019/QĐ-UBND", "Quy chế công khai", expires_on=D(2025, 3, 1))
    private = make_document("11/2019/QĐ-UBND", SECRET, expires_on=D(2025, 3, 1))
    draft = make_document("12/2019/QĐ-UBND", "Bản nháp chưa đăng", expires_on=D(2025, 3, 1))
    restrict(private)
    draft.unpublish()
    yearly = make_list(
        2025,
        "5/QĐ-UBND",
        [
            (ListGroup.EXPIRED_WHOLE, doc, D(2025, 3, 1), "", "Hết thời hạn")
            for doc in (public, private, draft)
        ],
    )
    for url in (yearly.url, "/van-ban/het-hieu-luc/2025/"):
        page = html(client, url)
        assert "Quy chế công khai" in page
        assert SECRET not in page and "11/2019" not in page
        assert "Bản nháp chưa đăng" not in page and "12/2019" not in page
        assert private.url not in page


def test_document_page_leaves_private_relations_causes_and_procedures_out(home_page, client):
    private = make_document("20/2024/QĐ-UBND", SECRET)
    restrict(private)
    document = make_document(
        "7/2020/QĐ-UBND",
        "Quy định công khai",
        relations=[(RelationKind.AMENDS, private, "")],
        events=[{"kind": EventKind.EXPIRED, "date": D(2025, 1, 1), "cause": private}],
    )
    cited = procedure("9.000001", "Thủ tục mật", [("7/2020/QĐ-UBND", "")])
    restrict(cited)
    page = html(client, document.url)
    assert SECRET not in page and "20/2024" not in page and private.url not in page
    assert "Thủ tục mật" not in page and "9.000001" not in page
    assert HistoryEvent.objects.filter(page=document, cause=private).exists()


def test_procedure_page_leaves_private_successor_and_legal_basis_out(home_page, client):
    private_document = make_document("30/2024/QĐ-UBND", SECRET)
    restrict(private_document)
    successor = procedure("9.000002", "Thủ tục mới còn mật")
    restrict(successor)
    old = procedure(
        "9.000003",
        "Thủ tục cũ công khai",
        [("30/2024/QĐ-UBND", "")],
        status=ProcedureStatus.REPLACED,
        successor=successor,
    )
    response = client.get(old.url)
    assert response.status_code == 200  # no redirect to the private successor
    page = response.content.decode()
    assert "Thủ tục mới còn mật" not in page and "9.000002" not in page
    assert SECRET not in page and private_document.url not in page
    # The successor's own page names the replaced one only if asked through a public page.
    assert "Thủ tục cũ công khai" not in html(client, "/thu-tuc/")  # replaced: not in force


def test_news_article_leaves_private_related_articles_and_inspection_out(home_page, client):
    from inspections.tests.factories import make_inspection
    from news.models import RelatedArticle

    hidden = make_article(title="Tin nội bộ không công khai", category=make_category())
    restrict(hidden)
    inspection = make_inspection(title="Kiểm tra chưa công khai")
    restrict(inspection)
    article = make_article(title="Tin công khai", category=make_category(), inspection=inspection)
    RelatedArticle.objects.create(page=article, article=hidden)
    publish(article)
    page = html(client, article.url)
    assert "Tin nội bộ không công khai" not in page
    assert "Kiểm tra chưa công khai" not in page


def _file(title="Tệp đính kèm", collection=None):
    document = get_document_model()(
        title=title, collection=collection or Collection.get_first_root_node()
    )
    document.file.save("tep-thu.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    return document


def test_document_of_a_private_page_is_served_only_to_those_allowed(home_page, client):
    page = make_document("40/2024/QĐ-UBND", SECRET)
    attached = _file()
    page.files = [DocumentFile(document=attached)]
    publish(page)
    restriction = restrict(page, password="mat-khau-1")
    anonymous = client.get(attached.url)
    assert anonymous.status_code == 404

    # After the page's password, the same visitor may download.
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "mat-khau-1", "return_url": page.url},
    )
    assert response.status_code == 302
    assert client.get(attached.url).status_code == 200

    # Editors always may.
    editor_client = client.__class__()
    editor = get_user_model().objects.create_superuser("bientap", "b@example.vn", "x-Pass-123")
    editor_client.force_login(editor)
    assert editor_client.get(attached.url).status_code == 200


def test_password_form_is_vietnamese_and_names_nothing_of_the_page(home_page, client):
    page = make_document("42/2024/QĐ-UBND", SECRET, summary="Tóm tắt bí mật")
    restriction = restrict(page, password="mat-khau-2")
    body = html(client, page.url)
    assert "Cần mật khẩu" in body
    assert SECRET not in body and "Tóm tắt bí mật" not in body and "42/2024" not in body
    wrong = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "sai", "return_url": page.url},
    ).content.decode()
    assert "Mật khẩu không đúng" in wrong and SECRET not in wrong


def test_document_used_by_a_public_page_or_by_none_is_served(home_page, client):
    page = make_document("41/2024/QĐ-UBND", "Công khai có tệp")
    attached = _file()
    page.files = [DocumentFile(document=attached)]
    publish(page)
    assert client.get(attached.url).status_code == 200
    assert client.get(_file("Tệp rời").url).status_code == 200


def test_document_in_a_restricted_collection_is_not_served_to_the_public(home_page, client):
    root = Collection.get_first_root_node()
    internal = root.add_child(name="Tài liệu nội bộ")
    CollectionViewRestriction.objects.create(
        collection=internal,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="noi-bo",
    )
    response = client.get(_file("Nội bộ", internal).url)
    assert response.status_code == 200
    assert "Cần mật khẩu" in response.content.decode()
    assert b"%PDF" not in response.content
