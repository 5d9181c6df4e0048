"""Triage in the admin and the editors' e-mail: who sees what, what they can change, what
the listing and the edit view show, and who is told of new feedback."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from feedback.models import Feedback, Kind, Status
from home.roles import (
    LEGAL_DOCUMENT_EDITORS,
    NEWS_EDITORS,
    PROCEDURE_EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    STATISTICS_EDITORS,
    setup_roles,
)
from news.tests.factories import make_article, make_category
from procedures_catalog.models import ProcedurePage
from procedures_catalog.tests.helpers import make_procedures, record

pytestmark = pytest.mark.django_db

INDEX = "/admin/gop-y/"


@pytest.fixture
def people(home_page):
    groups = setup_roles()
    users = {}
    for key, group in (
        ("news", NEWS_EDITORS),
        ("procedures", PROCEDURE_EDITORS),
        ("legal", LEGAL_DOCUMENT_EDITORS),
        ("statistics", STATISTICS_EDITORS),
        ("reviewer", REVIEWERS),
        ("admin", SITE_ADMINISTRATORS),
    ):
        user = get_user_model().objects.create_user(
            key, email=f"{key}@so-noi-vu.example.vn", password="x", first_name=key.title()
        )
        user.groups.add(groups[group])
        users[key] = user
    return users


@pytest.fixture
def items(home_page):
    article = make_article(title="Tinh gọn bộ máy cấp xã", category=make_category())
    make_procedures(record("1.001193", "Đăng ký khai sinh"))
    procedure = ProcedurePage.objects.get(code="1.001193")

    def make(page, kind, section, **fields):
        return Feedback.objects.create(
            kind=kind,
            page=page,
            revision_id=page.live_revision_id if page else None,
            path=page.url if page else "/thong-ke/",
            section=section,
            **fields,
        )

    return {
        "news": make(
            article,
            Kind.REPORT,
            "tin-tuc",
            text="Ngày họp ghi sai, phải là 12/5.",
            contact="dan@example.vn",
        ),
        "news_vote": make(article, Kind.USEFUL, "tin-tuc"),
        "procedure": make(
            procedure, Kind.NOT_USEFUL, "thu-tuc", reason="thieu", text="Thiếu mẫu tờ khai."
        ),
        "statistics": make(None, Kind.REPORT, "thong-ke", text="Số liệu quý 4 chưa cập nhật."),
        "article": article,
        "procedure_page": procedure,
    }


def listed(client, url=INDEX) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        int(a["href"].rstrip("/").rsplit("/", 1)[1])
        for a in soup.select(f"a[href^='{INDEX}edit/']")
    }


def test_editors_see_only_their_sections_feedback(client, people, items):
    expected = {
        "news": {items["news"].pk, items["news_vote"].pk},
        "procedures": {items["procedure"].pk},
        "legal": set(),
        "statistics": {items["statistics"].pk},
    }
    everything = {item.pk for item in Feedback.objects.all()}
    for key, pks in expected.items():
        client.force_login(people[key])
        assert listed(client) == pks, key
        for item in Feedback.objects.all():
            for view in ("edit", "history", "usage"):
                url = reverse(f"gop-y:{view}", args=[item.pk])
                expected = 200 if item.pk in pks else 404
                assert client.get(url).status_code == expected, (key, view, item)
    for key in ("reviewer", "admin"):
        client.force_login(people[key])
        assert listed(client) == everything, key


def test_an_editor_triages_an_item_of_their_section(client, people, items):
    item = items["news"]
    client.force_login(people["news"])
    url = reverse("gop-y:edit", args=[item.pk])
    page = BeautifulSoup(client.get(url).content, "html.parser")
    text = page.get_text(" ", strip=True)
    assert "Ngày họp ghi sai, phải là 12/5." in text and "dan@example.vn" in text
    article = items["article"]
    assert page.select_one(f"a[href='{article.url}']")  # the public page
    assert page.select_one(f"a[href='/admin/pages/{article.pk}/edit/']")
    compare = f"/admin/pages/{article.pk}/revisions/compare/{item.revision_id}...latest/"
    assert page.select_one(f"a[href='{compare}']")
    assert client.get(compare).status_code == 200
    # Assignees: the section's editors, reviewers and administrators, nobody else.
    options = {o.get_text(strip=True) for o in page.select("select[name=assignee] option")}
    assert {"News", "Reviewer", "Admin"} <= options and "Procedures" not in options

    response = client.post(
        url,
        {"status": Status.IN_PROGRESS, "assignee": people["news"].pk, "note": "Đã hỏi phòng."},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.assignee, item.note) == (
        Status.IN_PROGRESS,
        people["news"],
        "Đã hỏi phòng.",
    )
    # Wagtail's history records who changed it.
    history = BeautifulSoup(
        client.get(reverse("gop-y:history", args=[item.pk])).content, "html.parser"
    )
    assert "News" in history.select_one("table tbody").get_text(" ", strip=True)
    # The reader's words cannot be changed in triage.
    client.post(url, {"status": Status.IN_PROGRESS, "text": "đổi", "kind": Kind.USEFUL})
    item.refresh_from_db()
    assert item.text == "Ngày họp ghi sai, phải là 12/5." and item.kind == Kind.REPORT
    # Closing erases the reader's contact.
    client.post(url, {"status": Status.DONE, "assignee": "", "note": ""})
    item.refresh_from_db()
    assert item.status == Status.DONE and item.contact == ""


def test_editors_cannot_triage_or_delete_other_sections(client, people, items):
    client.force_login(people["news"])
    item = items["procedure"]
    response = client.post(reverse("gop-y:edit", args=[item.pk]), {"status": Status.DONE})
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == Status.NEW
    own = items["news"]
    assert client.post(reverse("gop-y:delete", args=[own.pk])).status_code in (302, 403)
    assert Feedback.objects.filter(pk=own.pk).exists()
    client.force_login(people["admin"])
    assert client.post(reverse("gop-y:delete", args=[own.pk])).status_code == 302
    assert not Feedback.objects.filter(pk=own.pk).exists()


def test_nobody_adds_feedback_in_the_admin(client, people, items):
    client.force_login(people["admin"])
    page = client.get(INDEX).content.decode()
    assert "/admin/gop-y/new/" not in page
    assert client.get("/admin/gop-y/new/").status_code == 404


def test_listing_filters_and_counts_per_page(client, people, items):
    client.force_login(people["reviewer"])
    assert listed(client, INDEX + "?status=moi&kind=bao-loi") == {
        items["news"].pk,
        items["statistics"].pk,
    }
    assert listed(client, INDEX + "?section=thu-tuc") == {items["procedure"].pk}
    article = items["article"]
    assert listed(client, INDEX + f"?page={article.pk}") == {
        items["news"].pk,
        items["news_vote"].pk,
    }
    text = BeautifulSoup(client.get(INDEX).content, "html.parser").get_text(" ", strip=True)
    assert "Góp ý về trang này" in text and "2 (2 chưa đóng)" in text
    for column in ("Ngày gửi", "Loại", "Trang", "Mục", "Tình trạng", "Người xử lý"):
        assert column in text
    assert listed(client, INDEX + "?q=mẫu tờ khai") == {items["procedure"].pk}
    # A bad filter value is the listing's own message, not a 500.
    assert client.get(INDEX + "?status=xyz").status_code == 200


def test_page_header_names_the_pages_feedback(client, people, items):
    article = items["article"]
    client.force_login(people["news"])
    page = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "Góp ý của người đọc (2 chưa đóng / 2)" in page
    assert "Người đọc có 2 góp ý chưa xử lý xong về trang này." in page
    assert f"/admin/gop-y/?page={article.pk}" in page
    client.force_login(people["procedures"])
    procedure = items["procedure_page"]
    page = client.get(f"/admin/pages/{procedure.pk}/edit/").content.decode()
    assert "Góp ý của người đọc (1 chưa đóng / 1)" in page
    # Once handled, the banner goes; the count stays in the menu.
    items["procedure"].status = Status.DONE
    items["procedure"].save()
    page = client.get(f"/admin/pages/{procedure.pk}/edit/").content.decode()
    assert "Góp ý của người đọc (0 chưa đóng / 1)" in page
    assert "góp ý chưa xử lý xong" not in page


def test_menu_shows_feedback_to_editors_only(client, people, items):
    def sidebar():
        return client.get("/admin/").content.decode().replace("\\u002D", "-")

    client.force_login(people["legal"])
    assert '"/admin/gop-y/"' in sidebar()
    outsider = get_user_model().objects.create_user("outsider", password="x")
    outsider.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(outsider)
    assert '"/admin/gop-y/"' not in sidebar()
    assert client.get(INDEX).status_code in (302, 403)


# E-mail -----------------------------------------------------------------------------------


def test_responsible_editors_get_one_mail_each_without_the_readers_contact(people, items):
    call_command("notify_feedback", stdout=open("/dev/null", "w"))  # noqa: SIM115
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {
        "news@so-noi-vu.example.vn",
        "procedures@so-noi-vu.example.vn",
        "statistics@so-noi-vu.example.vn",
    }
    news = by_recipient["news@so-noi-vu.example.vn"]
    assert news.subject == "Góp ý mới của người đọc: 1 báo thông tin sai hoặc lỗi thời"
    assert "Ngày họp ghi sai, phải là 12/5." in news.body
    assert items["article"].title in news.body
    assert f"/admin/gop-y/edit/{items['news'].pk}/" in news.body
    assert 'Ngoài ra có 1 lượt đánh giá "hữu ích".' in news.body
    assert "dan@example.vn" not in news.body
    assert "Thiếu mẫu tờ khai" not in news.body
    procedures = by_recipient["procedures@so-noi-vu.example.vn"]
    assert "(Thiếu thông tin)" in procedures.body
    assert procedures.subject == "Góp ý mới của người đọc: 1 đánh giá chưa hữu ích"
    # Each item is announced once.
    mail.outbox.clear()
    call_command("notify_feedback", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []


def test_useful_votes_alone_send_no_mail(people, home_page):
    article = make_article(category=make_category())
    Feedback.objects.create(kind=Kind.USEFUL, page=article, path=article.url, section="tin-tuc")
    call_command("notify_feedback", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []
    assert Feedback.objects.get().notified_at is not None
