"""The frame of the site: home page, settings, error pages, page weight."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, PortalSettings

pytestmark = pytest.mark.django_db


def test_home_page_renders_search_sections_and_contacts(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "vi"
    assert len(soup.find_all("h1")) == 1
    search = soup.find("form", attrs={"role": "search"})
    assert search["action"] == "/tim-kiem/"
    assert soup.find("label", attrs={"for": "home-q"})
    text = soup.get_text(" ")
    for heading in (
        "Thủ tục theo lĩnh vực",
        "Tin cải cách hành chính",
        "Văn bản mới",
        "Kết quả kiểm tra CCHC",
        "Liên hệ bộ phận một cửa",
    ):
        assert heading in text
    assert "83,93%" in text
    assert "Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp" in text


def test_frame_is_accessible(client, home_page):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    skip = soup.find("a", class_="skip-link")
    assert skip["href"] == "#main"
    assert soup.find("main", id="main")
    assert soup.find("header") and soup.find("footer")
    assert soup.find("nav", attrs={"aria-label": "Điều hướng chính"})
    nav_titles = [a.get_text(strip=True) for a in soup.select(".main-nav a")]
    assert nav_titles[:4] == [
        "Thủ tục hành chính",
        "Văn bản",
        "Tin cải cách hành chính",
        "Kiểm tra CCHC",
    ]
    # Every form control has a label.
    for control in soup.select("input:not([type=hidden]), select, textarea"):
        assert soup.find("label", attrs={"for": control["id"]}), control


def test_no_asset_comes_from_another_host(client, home_page):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    sources = [tag.get("src") for tag in soup.find_all(["script", "img"]) if tag.get("src")]
    # The canonical link is absolute by definition; it names this page, it loads nothing.
    sources += [
        tag["href"]
        for tag in soup.find_all("link")
        if tag.get("href") and "canonical" not in tag.get("rel", [])
    ]
    assert sources
    assert all(src.startswith("/") and not src.startswith("//") for src in sources), sources


def test_home_page_weight_is_small(client, home_page):
    """HTML plus every stylesheet and script the page loads stays well under 100 KB."""
    from django.contrib.staticfiles import finders

    response = client.get("/")
    soup = BeautifulSoup(response.content, "html.parser")
    assets = [tag["href"] for tag in soup.find_all("link", rel="stylesheet")]
    assets += [tag["src"] for tag in soup.find_all("script", src=True)]
    assert any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets)
    sizes = [Path(finders.find(a.removeprefix("/static/"))).stat().st_size for a in assets]
    assert len(response.content) + sum(sizes) < 100_000


def test_settings_edited_in_admin_show_in_footer(client, home_page):
    from wagtail.models import Site

    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal.office_phone = "0277 9 999 999"
    portal.save()
    assert "0277 9 999 999" in client.get("/").content.decode()


def test_breadcrumbs_on_section_page(client, home_page):
    soup = BeautifulSoup(client.get("/thu-tuc/").content, "html.parser")
    crumbs = [li.get_text(strip=True) for li in soup.select(".breadcrumbs li")]
    assert crumbs == ["Trang chủ", "Thủ tục hành chính"]


def test_404_is_vietnamese_in_site_look(client, home_page):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang" in body
    assert 'class="site-header"' in body


@override_settings(DEBUG=False)
def test_500_page_is_vietnamese(rf):
    from home.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()


def test_home_page_can_only_be_created_at_root(home_page):
    assert HomePage.can_exist_under(home_page.get_parent())
    assert not HomePage.can_create_at(home_page)
    assert not HomePage.can_create_at(home_page.get_parent())  # there is one already


def test_robots_txt_points_to_sitemap(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert client.get("/sitemap.xml").status_code == 200


class HomePageTypeTests(WagtailPageTestCase):
    """Wagtail's page-type assertions for the frame's page types."""

    def setUp(self):
        self.home = HomePage.objects.first()

    def test_home_page_is_routable_and_renderable(self):
        self.assertPageIsRoutable(self.home)
        self.assertPageIsRenderable(self.home)

    def test_sections_live_under_the_home_page_only(self):
        from news.models import NewsIndexPage
        from procedures_catalog.models import ProcedureIndexPage

        self.assertAllowedParentPageTypes(ProcedureIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertCanNotCreateAt(HomePage, HomePage)
