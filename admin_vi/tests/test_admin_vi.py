"""The editor's guide is reachable from the admin, and what admin_vi renames and relabels."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Collection, Page, Workflow

from admin_vi.forms import LoginForm
from admin_vi.guide import ROLE_DESCRIPTIONS
from home.roles import NEWS_EDITORS, ROLES, setup_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_editor(home_page):
    groups = setup_roles()
    user = get_user_model().objects.create_user("bientap", password="mat-khau")
    user.groups.add(groups[NEWS_EDITORS])
    client = Client()
    client.force_login(user)
    return client


def test_every_role_is_described_in_the_guide():
    assert set(ROLE_DESCRIPTIONS) == {role.name for role in ROLES}
    assert all(ROLE_DESCRIPTIONS.values())


def test_an_editor_reads_the_guide_with_their_role_marked(news_editor):
    response = news_editor.get("/admin/huong-dan/")
    assert response.status_code == 200
    html = response.content.decode()
    for anchor in ("thu-tuc", "van-ban", "het-hieu-luc", "kiem-tra", "tin-bai", "vai-tro"):
        assert f'id="{anchor}"' in html
    assert "(vai trò của bạn)" in html
    assert html.count("(vai trò của bạn)") == 1


def test_the_guide_needs_an_admin_login(home_page):
    response = Client().get("/admin/huong-dan/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_dashboard_panel_and_help_menu_lead_to_the_guide(news_editor):
    html = news_editor.get("/admin/").content.decode()
    assert 'id="editor-guide"' in html or "Hướng dẫn biên tập" in html
    assert html.count('href="/admin/huong-dan/') >= 3  # panel, account summary, help menu
    # Wagtail's own help items lead to English pages on guide.wagtail.org.
    assert "guide.wagtail.org" not in html
    assert "What&#x27;s new" not in html


def test_login_form_labels_the_password_for_translation():
    assert str(LoginForm().fields["password"].label) == "Mật khẩu"


def test_sites_listing_columns_are_translated():
    from wagtail.sites.views import IndexView

    labels = {column.name: str(column.label) for column in IndexView.columns}
    assert labels["port"] == "Cổng"
    assert labels["site_name"] == "Tên trang web"
    assert labels["root_page"] == "Trang gốc"


def test_records_wagtail_creates_have_vietnamese_names(db):
    # The migrations of a fresh test database ran admin_vi's renames.
    assert Page.get_first_root_node().title == "Gốc"
    assert Collection.get_first_root_node().name == "Chung"
    assert not Workflow.objects.filter(name="Moderators approval").exists()
