"""`manage.py setup_portal`: a real deployment's frame from Wagtail's fresh install, and safe
to re-run on a live site (editors' changes stay)."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site, WorkflowPage

from administrative_units.models import AdministrativeUnit
from home.models import HomePage, PortalSettings
from home.portal_setup import SECTIONS
from home.roles import ROLES, WORKFLOW_NAME
from news.models import NewsIndexPage

pytestmark = pytest.mark.django_db

PLACEHOLDER = "Welcome to your new Wagtail site!"


def run_setup() -> str:
    out = io.StringIO()
    call_command("setup_portal", stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def forget_site_root_paths():
    """These tests replace the Site; Wagtail caches its root paths, and the rollback at the end
    of each test sends no signal to clear that cache for the next test."""
    yield
    Site.clear_site_root_paths_cache()


@pytest.fixture
def fresh_install(home_page):
    """The database as `migrate` leaves it: Wagtail's placeholder page is the Site's root."""
    root = Page.get_first_root_node()
    HomePage.objects.all().delete()
    PortalSettings.objects.all().delete()
    Site.objects.all().delete()
    placeholder = root.add_child(instance=Page(title=PLACEHOLDER, slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=placeholder, is_default_site=True)
    return placeholder


def test_setup_portal_turns_a_fresh_install_into_the_portal(client, fresh_install, settings):
    settings.PORTAL_BASE_URL = "https://cchc.example.gov.vn"
    output = run_setup()
    assert (
        "Đã tạo: trang chủ, /thu-tuc/, /van-ban/, /tin-tuc/, /kiem-tra/, "
        "/ke-hoach-cchc/, /bao-cao-cchc/." in output
    )

    site = Site.objects.get()
    assert (site.hostname, site.port, site.is_default_site) == ("cchc.example.gov.vn", 443, True)
    assert site.root_page.specific_class is HomePage
    assert not Page.objects.filter(title=PLACEHOLDER).exists()
    home = client.get("/")
    assert home.status_code == 200
    assert PLACEHOLDER not in home.content.decode()
    for _app, _model, title, slug, _intro in SECTIONS:
        response = client.get(f"/{slug}/")
        assert response.status_code == 200, slug
        assert title in response.content.decode()

    portal = PortalSettings.for_site(site)
    assert portal.province_name == "Đồng Tháp"
    assert AdministrativeUnit.objects.filter(parent__isnull=False).count() > 50
    assert set(Group.objects.values_list("name", flat=True)) >= {role.name for role in ROLES}
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow.name == WORKFLOW_NAME
    # No demo content: the sections are empty.
    assert Page.objects.filter(depth__gt=3).count() == 0


def test_setup_portal_again_keeps_what_editors_changed(home_page):
    run_setup()
    news = NewsIndexPage.objects.get()
    news.title = "Tin tức - sự kiện"
    news.save_revision().publish()
    portal = PortalSettings.for_site(Site.objects.get())
    portal.office_phone = "0277 000 111"
    portal.save()
    pages_before = Page.objects.count()

    output = run_setup()

    assert "Giữ nguyên" in output and "Đã tạo" not in output
    assert Page.objects.count() == pages_before
    assert NewsIndexPage.objects.get().title == "Tin tức - sự kiện"
    assert PortalSettings.for_site(Site.objects.get()).office_phone == "0277 000 111"


def test_a_fixed_section_address_taken_by_another_page_type_is_a_clear_error(fresh_install):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu"))
    home.add_child(instance=Page(title="Trang khác", slug="tin-tuc"))
    with pytest.raises(CommandError, match="/tin-tuc/ đã là một trang loại khác"):
        run_setup()
