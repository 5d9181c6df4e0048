"""Editors' journeys through the admin, in Chromium, find no English interface text.

Each role walks what it does every day: logs in, reads the dashboard and the guide, creates
and edits its page types, uploads an image and a document, chooses them, submits for
moderation; the reviewer approves, requests changes and unpublishes; the site administrator
opens the reports and settings. Every screen's visible text (and its title, aria-label,
placeholder and alt attributes) is checked for English: words that occur in the installed
packages' English message ids and in none of our Vietnamese translations. Content is written
in Vietnamese here, so it cannot be mistaken for interface text.

Screenshots of every step go to var/screenshots/admin-vi/ for a person to look at.
"""

from __future__ import annotations

import datetime
import io
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.contrib.auth import get_user_model
from PIL import Image

from home.roles import (
    LEGAL_DOCUMENT_EDITORS,
    NEWS_EDITORS,
    PROCEDURE_EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    setup_roles,
)
from inspections.models import InspectionIndexPage
from inspections.tests.factories import make_agency
from legal_documents.models import ExpiredDocumentListPage, LegalDocumentIndexPage
from news.models import NewsIndexPage, NewsPage
from news.tests.factories import make_category
from procedures_catalog.models import ProcedureIndexPage
from tests.test_admin_translations import PO_FILES, UPDATE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "var" / "screenshots" / "admin-vi"
PASSWORD = "mat-khau-thu-nghiem"

# Words in English message ids that are also fine in a Vietnamese interface.
ALLOWED = {"email", "wagtail", "json", "ascii", "embedly", "xlsx", "unicode", "http", "https"}


PLACEHOLDERS_AND_TAGS = re.compile(r"<[^>]+>|%\([^)]*\)\w|\{[^}]*\}")


def _english_vocabulary():
    words = set()
    for package in UPDATE.DOMAINS.values():
        for catalogue in UPDATE.CATALOGUES:
            template = UPDATE.upstream_template(package, catalogue)
            for entry in template or []:
                text = PLACEHOLDERS_AND_TAGS.sub(" ", entry.msgid)
                words |= {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}
    vietnamese = set()
    for path in PO_FILES:
        for entry in polib.pofile(str(path)):
            text = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
            text = PLACEHOLDERS_AND_TAGS.sub(" ", text)
            vietnamese |= {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}
    return words - vietnamese - ALLOWED


ENGLISH = _english_vocabulary()


def test_the_detector_knows_the_english_the_issue_saw():
    for phrase in (
        "Save draft",
        "More actions",
        "Request changes",
        "Yes, unpublish it",
        "Snippets",
        "Reports",
        "Promote",
        "A comma-separated list of tags",
        "Choose",
    ):
        assert {w.lower() for w in re.findall(r"[A-Za-z]{4,}", phrase)} & ENGLISH, phrase


TIME_ZONE_OPTION = re.compile(r"^\s*[A-Z][A-Za-z]+/[\w/+-]+: ")
IDENTIFIER = re.compile(r"\b[a-z_]+\.[a-z_]+\b")

VISIBLE_TEXT = """() => {
  const out = [document.title, document.body.innerText];
  for (const el of document.querySelectorAll('[title],[aria-label],[placeholder],img[alt]')) {
    for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
  }
  return out.join('\\n');
}"""


class Walk:
    """Visits screens, keeps a screenshot of each and the English found on it."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.english = {}
        self.steps = 0
        shutil.rmtree(SHOTS, ignore_errors=True)
        SHOTS.mkdir(parents=True)

    def go(self, path, step=None):
        self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")
        self.check(step or path)

    def check(self, step):
        self.steps += 1
        name = re.sub(r"\W+", "-", step).strip("-")[:80]
        self.page.screenshot(path=str(SHOTS / f"{self.steps:02d}-{name}.png"))
        for line in self.page.evaluate(VISIBLE_TEXT).splitlines():
            if TIME_ZONE_OPTION.match(line):
                continue  # "Pacific/Port_Moresby: GMT+10 (...)" names a place
            line = IDENTIFIER.sub(" ", line)  # "home.homepage" is a model's code name
            # Whole words only: Vietnamese letters end a word, so "Thống" is not "Th" + "ng".
            words = {w for w in re.findall(r"[^\W\d_]+", line) if w.isascii()}
            found = sorted(w for w in words if w.lower() in ENGLISH)
            if found:
                self.english.setdefault(step, set()).add(f"{line.strip()[:120]}  <- {found}")

    def log_in(self, username):
        self.page.context.clear_cookies()
        self.page.goto(self.base_url + "/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.submit(self.page.locator("button[type=submit]"))
        assert "/admin/login/" not in self.page.url, f"{username} could not log in"

    def submit(self, locator):
        """Clicks what submits a form and waits for the page that answers."""
        with self.page.expect_navigation(wait_until="networkidle"):
            locator.click()

    def message(self):
        return " ".join(self.page.locator(".messages").all_inner_texts())

    def save_draft(self):
        self.submit(self.page.get_by_role("button", name="Lưu bản nháp"))

    def open_footer_menu(self, step):
        self.page.locator("footer .w-dropdown__toggle").first.click()
        self.check(step)

    def fill_title(self, title):
        self.page.fill("#id_title", title)
        self.page.locator("#id_title").blur()
        self.page.wait_for_function("document.querySelector('#id_slug').value !== ''")

    def fill_date(self, selector, day):
        self.page.fill(selector, f"{day:%d/%m/%Y}")
        self.page.keyboard.press("Escape")


@pytest.fixture
def people(home_page):
    groups = setup_roles()
    users = {}
    for username, group in [
        ("bientap.tintuc", NEWS_EDITORS),
        ("bientap.thutuc", PROCEDURE_EDITORS),
        ("bientap.vanban", LEGAL_DOCUMENT_EDITORS),
        ("nguoiduyet", REVIEWERS),
        ("quantri", SITE_ADMINISTRATORS),
    ]:
        user = get_user_model().objects.create_user(
            username, password=PASSWORD, first_name="Nguyễn", last_name="Văn Bình"
        )
        user.groups.add(groups[group])
        users[username] = user
    get_user_model().objects.create_superuser("quantri.hethong", password=PASSWORD)
    make_agency("Ủy ban nhân dân xã Mỹ Thọ")
    make_category("Chuyển đổi số")
    return users


def _image_file(tmp_path):
    path = tmp_path / "anh-hoi-nghi.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), (30, 90, 160)).save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def _pdf_file(tmp_path):
    path = tmp_path / "quyet-dinh.pdf"
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return path


def test_editor_journeys_show_no_english(browser_page, live_server, people, tmp_path):
    walk = Walk(browser_page, live_server.url)
    page = browser_page
    news_index = NewsIndexPage.objects.get()
    today = datetime.date.today()

    # Logging in, a wrong password, the dashboard, the help menu and the guide.
    walk.go("/admin/login/", "trang đăng nhập")
    page.fill("#id_username", "bientap.tintuc")
    page.fill("#id_password", "sai-mat-khau")
    walk.submit(page.locator("button[type=submit]"))
    walk.check("đăng nhập sai mật khẩu")
    walk.log_in("bientap.tintuc")
    walk.check("trang tổng quan của biên tập viên")
    page.get_by_role("button", name="Trợ giúp").click()
    walk.check("menu trợ giúp")
    page.get_by_role("link", name="Hướng dẫn biên tập").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().strip() == "Hướng dẫn biên tập"
    walk.check("hướng dẫn biên tập")
    walk.go("/admin/account/", "tài khoản")

    # Uploading an image and a document, then editing them.
    walk.go("/admin/images/multiple/add/", "tải ảnh lên")
    page.set_input_files("#fileupload", str(_image_file(tmp_path)))
    page.wait_for_selector("#upload-list li.upload-success", timeout=20_000)
    walk.check("tải ảnh lên xong")
    walk.go("/admin/images/", "danh sách ảnh")
    walk.go("/admin/documents/multiple/add/", "tải tài liệu lên")
    page.set_input_files("#fileupload", str(_pdf_file(tmp_path)))
    page.wait_for_selector("#upload-list li.upload-success", timeout=20_000)
    walk.check("tải tài liệu lên xong")
    walk.go("/admin/documents/", "danh sách tài liệu")

    # A news article: created, an image chosen, saved, edited, submitted for moderation.
    walk.go(f"/admin/pages/add/news/newspage/{news_index.pk}/", "thêm tin bài")
    page.locator("#id_title").blur()
    walk.save_draft()
    walk.check("tin bài thiếu tiêu đề")
    walk.fill_title("Tỉnh tập huấn kỹ năng số cho cán bộ một cửa")
    page.fill("#id_standfirst", "Hơn 200 cán bộ bộ phận một cửa được tập huấn.")
    page.get_by_role("tab", name="Quảng bá").click()
    walk.check("thẻ quảng bá")
    page.get_by_role("button", name="Chọn ảnh").click()
    page.wait_for_selector(".modal-content .listing, .modal-content .w-tabs", timeout=10_000)
    walk.check("hộp chọn ảnh")
    page.locator(
        ".modal-content a.image-choice, .modal-content [data-chooser-modal-choice]"
    ).first.click()
    page.wait_for_selector(".modal-content", state="detached")
    page.get_by_role("tab", name="Nội dung").click()
    page.get_by_role("button", name="Chọn Chuyên mục tin").click()
    page.wait_for_selector(".modal-content [data-chooser-modal-choice]")
    walk.check("hộp chọn chuyên mục")
    page.locator(".modal-content [data-chooser-modal-choice]").first.click()
    page.wait_for_selector(".modal-content", state="detached")
    walk.save_draft()
    assert "Đã tạo trang" in walk.message()
    walk.check("tin bài đã lưu nháp")
    article = NewsPage.objects.get(title="Tỉnh tập huấn kỹ năng số cho cán bộ một cửa")
    page.locator("button[data-side-panel-toggle='status']").click()
    walk.check("bảng trạng thái")
    walk.open_footer_menu("menu lưu và gửi duyệt")
    walk.submit(page.locator("button[name='action-submit']"))
    assert "gửi duyệt" in walk.message()
    walk.check("tin bài đã gửi duyệt")
    walk.go(f"/admin/pages/{news_index.pk}/", "danh sách trang tin")
    walk.go("/admin/snippets/", "dữ liệu dùng chung")

    # An inspection with a remedy, and an inspection plan.
    inspections = InspectionIndexPage.objects.get()
    walk.go(
        f"/admin/pages/add/inspections/inspectionpage/{inspections.pk}/", "thêm kết quả kiểm tra"
    )
    walk.fill_title("Kiểm tra công tác cải cách hành chính tại xã Mỹ Thọ")
    walk.fill_date("#id_start_date", today)
    page.select_option("#id_inspected_agencies", index=0)
    walk.save_draft()
    assert "Đã tạo trang" in walk.message(), walk.message()
    walk.check("kết quả kiểm tra đã lưu nháp")
    walk.go(f"/admin/pages/add/inspections/inspectionplanpage/{inspections.pk}/", "thêm kế hoạch")
    walk.fill_title(f"Kế hoạch kiểm tra cải cách hành chính năm {today.year}")
    page.fill("#id_year", str(today.year))
    walk.save_draft()
    assert "Đã tạo trang" in walk.message(), walk.message()

    # A procedure, by the procedure editor.
    walk.log_in("bientap.thutuc")
    procedures = ProcedureIndexPage.objects.get()
    walk.go(f"/admin/pages/add/procedures_catalog/procedurepage/{procedures.pk}/", "thêm thủ tục")
    walk.fill_title("Đăng ký khai sinh")
    walk.save_draft()
    assert "Đã tạo trang" in walk.message(), walk.message()
    walk.check("thủ tục đã lưu nháp")
    page.get_by_role("tab", name="Tình trạng").click()
    walk.check("thẻ tình trạng của thủ tục")
    walk.go("/admin/snippets/procedures_catalog/field/add/", "thêm lĩnh vực")

    # A legal document and a yearly expired list, by the legal-document editor.
    walk.log_in("bientap.vanban")
    documents = LegalDocumentIndexPage.objects.get()
    walk.go(f"/admin/pages/add/legal_documents/legaldocumentpage/{documents.pk}/", "thêm văn bản")
    walk.fill_title("Quyết định công bố danh mục thủ tục hành chính")
    walk.save_draft()
    assert "Đã tạo trang" in walk.message(), walk.message()
    walk.check("văn bản đã lưu nháp")
    walk.go(
        f"/admin/pages/add/legal_documents/expireddocumentlistpage/{documents.pk}/",
        "thêm danh mục hết hiệu lực",
    )
    walk.fill_title(f"Danh mục văn bản hết hiệu lực năm {today.year - 1}")
    walk.save_draft()
    walk.check("danh mục hết hiệu lực thiếu trường bắt buộc")
    page.fill("#id_year", str(today.year - 1))
    walk.fill_date("#id_decision_date", today)
    page.fill("#id_decision_number", "15/QĐ-UBND")
    walk.save_draft()
    assert "Đã tạo trang" in walk.message(), walk.message()
    walk.open_footer_menu("menu gửi duyệt văn bản")
    walk.submit(page.locator("button[name='action-submit']"))
    expired_list = ExpiredDocumentListPage.objects.get()

    # The reviewer approves the article, asks for changes on the list, unpublishes.
    walk.log_in("nguoiduyet")
    walk.check("trang tổng quan của người duyệt")
    walk.go(f"/admin/pages/{article.pk}/edit/", "người duyệt mở tin bài")
    walk.open_footer_menu("menu duyệt")
    walk.submit(page.locator("button[data-workflow-action-name='approve']").first)
    article.refresh_from_db()
    assert article.live
    walk.check("tin bài đã duyệt")
    walk.go(f"/admin/pages/{expired_list.pk}/edit/", "người duyệt mở danh mục hết hiệu lực")
    walk.open_footer_menu("menu yêu cầu chỉnh sửa")
    page.locator("button[data-workflow-action-name='reject']").first.click()
    page.wait_for_selector(".modal-content textarea")
    walk.check("hộp thoại yêu cầu chỉnh sửa")
    page.locator(".modal-content textarea").first.fill("Thiếu lý do hết hiệu lực.")
    walk.submit(page.locator(".modal-content button[type=submit]").first)
    assert expired_list.workflow_states.filter(status="needs_changes").exists()
    walk.check("đã yêu cầu chỉnh sửa")
    walk.go(f"/admin/pages/{article.pk}/unpublish/", "xác nhận ngừng xuất bản")
    walk.submit(page.get_by_role("button", name="Có, ngừng xuất bản"))
    article.refresh_from_db()
    assert not article.live
    walk.check("đã ngừng xuất bản")
    walk.go(f"/admin/pages/{article.pk}/history/", "lịch sử trang")

    # Reports and settings, as the site administrator and the superuser.
    walk.log_in("quantri.hethong")
    for path in (
        "/admin/",
        "/admin/pages/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/site-history/",
        "/admin/reports/page-types-usage/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/settings/home/portalsettings/",
        "/admin/users/",
        "/admin/users/new/",
        "/admin/groups/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/sites/",
        "/admin/collections/",
        "/admin/redirects/",
        "/admin/redirects/add/",
        "/admin/pages/search/?q=kiem+tra",
    ):
        walk.go(path)
    walk.go("/admin/")
    for menu in ("Báo cáo", "Cài đặt"):
        page.get_by_role("button", name=menu).click()
        page.locator(".sidebar-sub-menu-panel:visible").first.wait_for()
        walk.check(f"menu {menu.lower()}")

    page.goto("about:blank")  # no admin request (autosave, editing session) outlives the test
    assert walk.steps > 50
    assert walk.english == {}, "\n".join(
        f"{step}: {line}" for step, lines in walk.english.items() for line in sorted(lines)
    )
