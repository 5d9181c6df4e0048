"""The register: status derivation, relations and history, number lookup, filters, lists."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from legal_documents.models import (
    DocumentRelation,
    EventKind,
    LegalDocumentPage,
    ListGroup,
    RelationKind,
    ValidityStatus,
)
from legal_documents.status import Fact, status_on
from legal_documents.tests.helpers import D, make_document, make_list

pytestmark = pytest.mark.django_db

S = ValidityStatus


class Doc:
    """A document as status_on sees it, without the database."""

    def __init__(self, effective_on=None, expires_on=None, recorded_status="", facts=()):
        self.effective_on = effective_on
        self.expires_on = expires_on
        self.recorded_status = recorded_status
        self._facts = list(facts)

    def status_facts(self):
        return self._facts


# ----------------------------------------------------------------------------- derivation


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2020, 2, 29), S.NOT_YET_IN_FORCE),  # day before effective
        (D(2020, 3, 1), S.IN_FORCE),  # day of effective
        (D(2020, 3, 2), S.IN_FORCE),  # day after effective
        (D(2024, 12, 31), S.IN_FORCE),  # day before expiry
        (D(2025, 1, 1), S.EXPIRED),  # day of expiry
        (D(2025, 1, 2), S.EXPIRED),  # day after expiry
    ],
)
def test_status_on_both_sides_of_each_date(day, expected):
    document = Doc(effective_on=D(2020, 3, 1), expires_on=D(2025, 1, 1))
    assert status_on(document, day) == expected


@pytest.mark.parametrize(
    ("kind", "day", "expected"),
    [
        (EventKind.PARTLY_EXPIRED, D(2022, 5, 31), S.IN_FORCE),
        (EventKind.PARTLY_EXPIRED, D(2022, 6, 1), S.PARTLY_EXPIRED),
        (EventKind.REPLACED, D(2022, 5, 31), S.IN_FORCE),
        (EventKind.REPLACED, D(2022, 6, 1), S.EXPIRED),
        (EventKind.REPEALED, D(2022, 6, 2), S.EXPIRED),
        (EventKind.PARTLY_SUSPENDED, D(2022, 6, 1), S.PARTLY_SUSPENDED),
        (EventKind.AMENDED, D(2022, 6, 1), S.IN_FORCE),
    ],
)
def test_events_take_effect_on_their_date(kind, day, expected):
    document = Doc(effective_on=D(2020, 1, 1), facts=[Fact(kind, D(2022, 6, 1))])
    assert status_on(document, day) == expected


def test_suspension_ends_on_its_end_date_and_strongest_status_wins():
    suspension = Fact(EventKind.SUSPENDED, D(2023, 1, 1), ends_on=D(2023, 7, 1))
    partial = Fact(EventKind.PARTLY_EXPIRED, D(2022, 1, 1))
    document = Doc(effective_on=D(2020, 1, 1), facts=[suspension, partial])
    assert status_on(document, D(2022, 12, 31)) == S.PARTLY_EXPIRED
    assert status_on(document, D(2023, 1, 1)) == S.SUSPENDED
    assert status_on(document, D(2023, 6, 30)) == S.SUSPENDED
    assert status_on(document, D(2023, 7, 1)) == S.PARTLY_EXPIRED


def test_recorded_status_fills_in_only_where_dates_do_not_decide():
    # An import said "not yet in force", but the effective date has passed since.
    assert status_on(Doc(D(2025, 7, 1), recorded_status=S.NOT_YET_IN_FORCE), D(2026, 1, 1)) == (
        S.IN_FORCE
    )
    assert status_on(Doc(recorded_status=S.EXPIRED), D(2026, 1, 1)) == S.EXPIRED
    assert status_on(Doc(), D(2026, 1, 1)) == S.UNKNOWN


def test_passed_expiry_shows_as_expired_without_an_edit(home_page, client, monkeypatch):
    document = make_document(
        "12/2024/QĐ-UBND",
        issued_on=D(2024, 1, 2),
        effective_on=D(2024, 1, 15),
        expires_on=D(2026, 1, 1),
    )
    monkeypatch.setattr("legal_documents.status.today", lambda: D(2025, 12, 31))
    # As saved the day before its expiry: in force, to be checked again on 01/01/2026.
    LegalDocumentPage.objects.filter(pk=document.pk).update(
        status=S.IN_FORCE, status_valid_until=D(2026, 1, 1)
    )
    assert "Còn hiệu lực" in client.get(document.url).content.decode()
    monkeypatch.setattr("legal_documents.status.today", lambda: D(2026, 1, 1))
    assert "Hết hiệu lực toàn bộ" in client.get(document.url).content.decode()
    # The cached status used for filtering follows on the next read of the register.
    client.get("/van-ban/")
    document.refresh_from_db()
    assert document.status == S.EXPIRED


# ----------------------------------------------------------------------------- relations


def test_replacement_is_shown_from_both_ends_and_recorded_in_history(
    home_page, client, django_capture_on_commit_callbacks
):
    old = make_document(
        "57/QĐ-UBND", "Quy chế cũ", issued_on=D(2019, 1, 10), effective_on=D(2019, 1, 20)
    )
    with django_capture_on_commit_callbacks(execute=True):
        new = make_document(
            "88/QĐ-UBND",
            "Quy chế mới",
            issued_on=D(2024, 12, 20),
            effective_on=D(2025, 1, 1),
            relations=[(RelationKind.REPLACES, old, "")],
        )
    old.refresh_from_db()
    assert old.status == S.EXPIRED
    history = [(row.date, row.label, row.cause) for row in old.history()]
    assert (D(2025, 1, 1), "Bị thay thế", new) in [
        (d, label, c and c.specific) for d, label, c in history
    ]

    old_page = client.get(old.url).content.decode()
    assert "Bị thay thế bởi" in old_page and "88/QĐ-UBND" in old_page
    new_page = client.get(new.url).content.decode()
    assert "Thay thế" in new_page and "57/QĐ-UBND" in new_page

    # Re-publishing does not duplicate the event; unpublishing withdraws it.
    with django_capture_on_commit_callbacks(execute=True):
        new.save_revision().publish()
    assert old.recorded_changes.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        new.unpublish()
    assert old.recorded_changes.count() == 0
    old.refresh_from_db()
    assert old.status == S.IN_FORCE


@pytest.mark.parametrize(
    ("kind", "forward", "reverse"),
    [
        (RelationKind.AMENDS, "Sửa đổi", "Được sửa đổi bởi"),
        (RelationKind.SUPPLEMENTS, "Bổ sung", "Được bổ sung bởi"),
        (RelationKind.REPEALS, "Bãi bỏ", "Bị bãi bỏ bởi"),
        (RelationKind.GUIDES, "Hướng dẫn", "Được hướng dẫn bởi"),
        (RelationKind.BASED_ON, "Căn cứ", "Là căn cứ của"),
    ],
)
def test_reverse_relation_labels(home_page, kind, forward, reverse):
    target = make_document("60/2014/QH13", "Luật Hộ tịch", type_name="Luật")
    source = make_document("123/2015/NĐ-CP", "Nghị định", relations=[(kind, target, "")])
    assert [(r["label"], r["document"].pk) for r in source.related_documents()] == [
        (forward, target.pk)
    ]
    assert [(r["label"], r["document"].pk) for r in target.related_documents()] == [
        (reverse, source.pk)
    ]


def test_self_relation_and_impossible_dates_are_refused(home_page):
    document = make_document("5/QĐ-UBND", issued_on=D(2020, 5, 5))
    relation = DocumentRelation(page=document, kind=RelationKind.REPLACES, target=document)
    with pytest.raises(ValidationError) as error:
        relation.full_clean()
    assert "chính nó" in str(error.value)

    document.expires_on = D(2020, 1, 1)
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "Ngày hết hiệu lực không thể trước ngày ban hành" in str(error.value)
    document.expires_on = None
    document.effective_on = D(2020, 5, 1)
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "Ngày có hiệu lực không thể trước ngày ban hành" in str(error.value)


# ----------------------------------------------------------------------------- lookup


@pytest.mark.parametrize(
    "typed",
    ["57/QĐ-UBND", "57/qd-ubnd", "57 / QĐ-UBND", "57/QD-UBND", "57/QÐ-UBND", "57/qđ-ubnd"],
)
def test_number_lookup_variants_find_the_same_document(home_page, client, typed):
    document = make_document("57/QĐ-UBND", issued_on=D(2020, 1, 22))
    response = client.get(f"/van-ban/so/{typed}/")
    assert response.status_code == 302
    assert response["Location"] == document.url
    response = client.get("/van-ban/so/", {"so": typed})
    assert response["Location"] == document.url


@pytest.mark.parametrize(
    "typed", ["57 QD UBND", "QĐ 57", "qd 57/2020", "quyết định 57", "57-QĐ-UBND"]
)
def test_number_lookup_accepts_the_shapes_people_type(home_page, client, typed):
    document = make_document("57/QĐ-UBND", issued_on=D(2020, 1, 22))
    response = client.get("/van-ban/so/", {"so": typed})
    assert response.status_code == 302 and response["Location"] == document.url


def test_number_lookup_in_another_shape_lists_every_year(home_page, client):
    make_document("1732/QĐ-UBND", "Quyết định năm 2016", issued_on=D(2016, 7, 1))
    make_document("1732/QĐ-UBND", "Quyết định năm 2021", issued_on=D(2021, 7, 1))
    body = client.get("/van-ban/so/", {"so": "QĐ 1732"}).content.decode()
    assert body.index("01/07/2021") < body.index("01/07/2016")
    assert client.get("/van-ban/so/", {"so": "nghị định 1732"}).status_code == 404


def test_cyrillic_letter_in_number_finds_the_document(home_page, client):
    document = make_document("85/2024/TT-BTC", type_name="Thông tư", issued_on=D(2024, 12, 1))
    response = client.get("/van-ban/so/", {"so": "85/2024/TT-BTС"})  # Cyrillic С
    assert response["Location"] == document.url


def test_same_number_in_two_years_gives_a_dated_choice(home_page, client):
    first = make_document("1732/QĐ-UBND", "Quyết định năm 2016", issued_on=D(2016, 7, 1))
    second = make_document("1732 /QĐ-UBND", "Quyết định năm 2021", issued_on=D(2021, 7, 1))
    assert first.url != second.url
    response = client.get("/van-ban/so/1732/QĐ-UBND/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "01/07/2016" in body and "01/07/2021" in body
    assert body.index("01/07/2021") < body.index("01/07/2016")
    response = client.get("/van-ban/so/1732/QĐ-UBND/", {"nam": "2016"})
    assert response["Location"] == first.url


def test_unknown_number_is_a_404_with_a_message(home_page, client):
    response = client.get("/van-ban/so/999/QĐ-UBND/")
    assert response.status_code == 404
    assert "Không tìm thấy văn bản có số ký hiệu" in response.content.decode()


# ----------------------------------------------------------------------------- register


def test_register_filters_and_sort_keep_state_in_url(home_page, client):
    from legal_documents.models import LegalField

    field = LegalField.named("Hộ tịch")
    make_document("9/QĐ-UBND", "Quyết định chín", issued_on=D(2021, 3, 1), fields=[field])
    make_document("10/QĐ-UBND", "Quyết định mười", issued_on=D(2021, 2, 1))
    make_document("60/2014/QH13", "Luật Hộ tịch", type_name="Luật", issued_on=D(2014, 11, 20))
    response = client.get("/van-ban/", {"loai": "quyet-dinh", "sap-xep": "so"})
    assert response.status_code == 200, response.content.decode()[:500]
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [a.get_text() for a in soup.select(".ld-list a")]
    assert titles == ["9/QĐ-UBND – Quyết định chín", "10/QĐ-UBND – Quyết định mười"]
    response = client.get("/van-ban/", {"linh-vuc": "ho-tich", "nam": "2021"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert [a.get_text() for a in soup.select(".ld-list a")] == ["9/QĐ-UBND – Quyết định chín"]
    assert len(soup.find_all("h1")) == 1
    for control in soup.select("form.ld-filters select, form.ld-filters input"):
        assert soup.find("label", attrs={"for": control["id"]})
    feeds = soup.find_all("link", rel="alternate")
    assert {f["type"] for f in feeds} == {"application/atom+xml", "application/rss+xml"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"loai": "khong-co"}, "Loại văn bản không có trong danh mục"),
        ({"tinh-trang": "bogus"}, "Tình trạng hiệu lực không hợp lệ"),
        ({"nam": "20x0"}, "Năm ban hành phải là một số"),
        ({"tu-ngay": "31/02/2020"}, "Ngày bắt đầu không hợp lệ"),
        ({"tu-ngay": "2021-01-01", "den-ngay": "2020-01-01"}, "Ngày kết thúc phải sau"),
        ({"sap-xep": "drop table"}, "Cách sắp xếp không hợp lệ"),
    ],
)
def test_bad_filters_give_a_message_and_400(home_page, client, params, message):
    response = client.get("/van-ban/", params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_page_numbers_follow_the_listing_convention(home_page, client):
    make_document("1/QĐ-UBND")
    response = client.get("/van-ban/", {"page": "2"})
    assert response.status_code == 301 and response["Location"] == "/van-ban/?trang=2"
    response = client.get("/van-ban/", {"trang": "abc"})
    assert response.status_code == 400 and "1/QĐ-UBND" in response.content.decode()
    assert client.get("/van-ban/", {"trang": "999"}).status_code == 404


def test_the_issuer_is_named_as_in_the_search(home_page, client):
    make_document("1/QĐ-UBND", issuer="UBND tỉnh")
    response = client.get("/van-ban/", {"co-quan": "ubnd-tinh", "page": "2"})
    assert response.status_code == 301
    assert response["Location"] == "/van-ban/?co-quan-ban-hanh=ubnd-tinh&trang=2"
    response = client.get("/van-ban/", {"co-quan-ban-hanh": "ubnd-tinh"})
    assert "1/QĐ-UBND" in response.content.decode()


def test_a_bad_filter_is_dropped_and_the_others_kept(home_page, client):
    make_document("1/QĐ-UBND")
    response = client.get("/van-ban/", {"loai": "khong-co", "nam": "1999"})
    assert response.status_code == 400
    # The year is applied (no document from 1999), the unknown type is not.
    assert "1/QĐ-UBND" not in response.content.decode()
    response = client.get("/van-ban/", {"loai": "khong-co"})
    assert response.status_code == 400 and "1/QĐ-UBND" in response.content.decode()


def test_register_exports_status_and_relations(home_page, client):
    make_document("1/QĐ-UBND")
    response = client.get("/van-ban/", {"dinh-dang": "json"})
    data = json.loads(b"".join(response.streaming_content))
    assert data["count"] == 1
    assert data["items"][0]["number"] == "1/QĐ-UBND"
    assert data["items"][0]["status"]
    assert "relations" in data["items"][0]
    response = client.get("/van-ban/", {"dinh-dang": "csv", "loai": "khong-co"})
    assert response.status_code == 400
    assert "không có trong danh mục" in response.content.decode()


# ----------------------------------------------------------------------------- lists


def test_publishing_a_list_updates_documents_idempotently(
    home_page, client, django_capture_on_commit_callbacks
):
    whole = make_document("20/2016/QĐ-UBND", "Quy định A", effective_on=D(2016, 5, 1))
    part = make_document("21/2017/QĐ-UBND", "Quy định B", effective_on=D(2017, 5, 1))
    with django_capture_on_commit_callbacks(execute=True):
        expired_list = make_list(
            2019,
            "57/QĐ-UBND",
            [
                (ListGroup.EXPIRED_WHOLE, whole, D(2019, 7, 1), "", "Được thay thế"),
                (ListGroup.EXPIRED_PART, part, D(2019, 9, 1), "Điều 5", "Bị bãi bỏ"),
            ],
        )
    whole.refresh_from_db()
    part.refresh_from_db()
    assert whole.status == S.EXPIRED
    assert part.status == S.PARTLY_EXPIRED
    with django_capture_on_commit_callbacks(execute=True):
        expired_list.save_revision().publish()
    assert whole.recorded_changes.count() == 1
    body = client.get(whole.url).content.decode()
    assert expired_list.title in body
    list_body = client.get(expired_list.url).content.decode()
    assert "Văn bản hết hiệu lực toàn bộ" in list_body and "Điều 5" in list_body


def test_yearly_view_joins_lists_and_histories_and_flags_disagreements(
    home_page, client, admin_client, django_capture_on_commit_callbacks
):
    agreed = make_document(
        "30/2015/QĐ-UBND", "Đã khớp", effective_on=D(2015, 3, 1), expires_on=D(2019, 7, 1)
    )
    other_date = make_document(
        "31/2015/QĐ-UBND", "Lệch ngày", effective_on=D(2015, 3, 1), expires_on=D(2019, 8, 1)
    )
    unlisted = make_document(
        "32/2015/QĐ-UBND",
        "Không có trong danh mục",
        effective_on=D(2015, 3, 1),
        expires_on=D(2019, 10, 1),
    )
    silent = make_document("33/2015/QĐ-UBND", "Hồ sơ không ghi", effective_on=D(2015, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):
        make_list(
            2019,
            "57/QĐ-UBND",
            [
                (ListGroup.EXPIRED_WHOLE, agreed, D(2019, 7, 1), "", ""),
                (ListGroup.EXPIRED_WHOLE, other_date, D(2019, 7, 15), "", ""),
                (ListGroup.EXPIRED_WHOLE, silent, D(2019, 9, 1), "", ""),
            ],
        )
    response = admin_client.get("/van-ban/het-hieu-luc/2019/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {li.find("a").get_text(): li for li in soup.select(".ld-year .ld-year-row")}
    assert len(rows) == 4
    assert not rows[agreed.display_name].select(".ld-flags li")
    assert "Ngày khác nhau" in rows[other_date.display_name].get_text()
    assert "không có trong danh mục" in rows[unlisted.display_name].get_text()
    assert "không ghi nhận" in rows[silent.display_name].get_text()
    # Everyone sees where the list and the histories disagree, and the totals.
    public = client.get("/van-ban/het-hieu-luc/2019/")
    soup = BeautifulSoup(public.content, "html.parser")
    assert len(soup.select(".ld-year-row.ld-flagged")) == 3
    totals = {
        div.dt.get_text(strip=True): div.dd.get_text(strip=True)
        for div in soup.select(".ld-totals > div")
    }
    assert totals["Toàn bộ"] == "4" and totals["Một phần"] == "0"
    assert totals["Văn bản hết hiệu lực toàn bộ"] == "3"
    assert totals["Danh mục và lịch sử văn bản không khớp"] == "3"
    data = json.loads(
        b"".join(client.get("/van-ban/het-hieu-luc/2019/?dinh-dang=json").streaming_content)
    )
    assert data["totals"]["documents"] == 4 and data["totals"]["disagreements"] == 3
    assert sum(1 for item in data["items"] if item["disagrees"]) == 3
    filtered = client.get("/van-ban/het-hieu-luc/2019/?nhom=het-toan-bo&dinh-dang=json")
    assert json.loads(b"".join(filtered.streaming_content))["count"] == 3
    assert client.get("/van-ban/het-hieu-luc/2019/?nhom=khong-co").status_code == 400
    assert client.get("/van-ban/het-hieu-luc/3000/").status_code == 400


def test_admin_refuses_a_relation_to_itself(home_page, admin_client):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    document = make_document("6/QĐ-UBND", "Quy định sáu", issued_on=D(2020, 5, 5))
    data = nested_form_data(
        {
            "title": document.title,
            "slug": document.slug,
            "number": document.number,
            "issued_on": "2020-05-05",
            "body": rich_text(""),
            "relations": inline_formset(
                [{"kind": RelationKind.REPLACES, "target": document.pk, "part": ""}]
            ),
            "events": inline_formset([]),
            "files": inline_formset([]),
        }
    )
    response = admin_client.post(f"/admin/pages/{document.pk}/edit/", data)
    assert response.status_code == 200  # the form comes back with the error
    assert "Một văn bản không thể có quan hệ với chính nó." in response.content.decode()
    assert not DocumentRelation.objects.filter(page=document).exists()


def test_page_types_live_under_the_register():
    from wagtail.test.utils import WagtailPageTestCase

    from legal_documents.models import (
        ExpiredDocumentListPage,
        LegalDocumentIndexPage,
    )

    case = WagtailPageTestCase()
    case.assertAllowedSubpageTypes(
        LegalDocumentIndexPage, {LegalDocumentPage, ExpiredDocumentListPage}
    )
    case.assertAllowedParentPageTypes(LegalDocumentPage, {LegalDocumentIndexPage})
    case.assertAllowedParentPageTypes(ExpiredDocumentListPage, {LegalDocumentIndexPage})
