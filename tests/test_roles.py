"""Editor roles and moderation: editors change their own section, only reviewers publish."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from home.roles import (
    LEGAL_DOCUMENT_EDITORS,
    NEWS_EDITORS,
    PROCEDURE_EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    WORKFLOW_NAME,
    setup_roles,
)
from legal_documents.models import LegalDocumentIndexPage
from news.models import NewsIndexPage
from procedures_catalog.models import ProcedureIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(home_page):
    return setup_roles()


@pytest.fixture
def make_user(groups):
    def make(username, group_name):
        user = get_user_model().objects.create_user(username, password="pw-" + username)
        user.groups.add(groups[group_name])
        return user

    return make


def test_setup_roles_is_idempotent(groups):
    again = setup_roles()
    assert {g.pk for g in again.values()} == {g.pk for g in groups.values()}
    news_editors = groups[NEWS_EDITORS]
    assert news_editors.page_permissions.count() == len(set(news_editors.page_permissions.all()))


@pytest.mark.parametrize(
    ("group_name", "own_section", "other_section"),
    [
        (NEWS_EDITORS, NewsIndexPage, ProcedureIndexPage),
        (PROCEDURE_EDITORS, ProcedureIndexPage, LegalDocumentIndexPage),
        (LEGAL_DOCUMENT_EDITORS, LegalDocumentIndexPage, NewsIndexPage),
    ],
)
def test_editor_edits_own_section_cannot_publish_or_touch_others(
    make_user, group_name, own_section, other_section
):
    editor = make_user("editor", group_name)
    own = own_section.objects.get().permissions_for_user(editor)
    assert own.can_edit()
    # "add" lets the editor create child pages of whatever types the section allows.
    assert {"add", "change"} <= own.permissions
    assert "publish" not in own.permissions
    assert not own.can_publish()
    other = other_section.objects.get().permissions_for_user(editor)
    assert not other.can_edit()
    assert not other.permissions


def test_news_editor_cannot_open_procedure_editor_in_admin(client, make_user):
    editor = make_user("tintuc", NEWS_EDITORS)
    client.force_login(editor)
    news = NewsIndexPage.objects.get()
    procedures = ProcedureIndexPage.objects.get()
    assert client.get(f"/admin/pages/{news.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{procedures.pk}/edit/").status_code in (302, 403)


def test_reviewer_and_administrator_can_publish_everywhere(make_user):
    reviewer = make_user("duyet", REVIEWERS)
    admin = make_user("quantri", SITE_ADMINISTRATORS)
    for page in Page.objects.filter(depth__gt=1):
        assert page.permissions_for_user(reviewer).can_publish()
        assert page.permissions_for_user(admin).can_publish()
    assert admin.has_perm("home.change_portalsettings")
    assert not reviewer.has_perm("home.change_portalsettings")


def test_editor_change_goes_live_only_after_reviewer_approves(make_user):
    editor = make_user("tintuc", NEWS_EDITORS)
    reviewer = make_user("duyet", REVIEWERS)
    page = NewsIndexPage.objects.get()
    workflow = page.get_workflow()
    assert workflow.name == WORKFLOW_NAME

    page.title = "Tin tức cải cách hành chính (đã sửa)"
    page.save_revision(user=editor)
    workflow.start(page, editor)

    page.refresh_from_db()
    assert page.title == "Tin cải cách hành chính"  # the live version is untouched
    task = page.current_workflow_task
    state = page.current_workflow_task_state
    assert task.get_actions(page, editor) == []  # an editor cannot approve their own change
    assert "approve" in [name for name, *_ in task.get_actions(page, reviewer)]

    task.on_action(state, reviewer, "approve")
    page.refresh_from_db()
    assert page.title == "Tin tức cải cách hành chính (đã sửa)"
    assert page.live


def test_statistics_share_the_pages_workflow_and_only_reviewers_publish_them(groups, make_user):
    """Figures are moderated like pages: the same workflow, assigned to their content types,
    still one assignment each after setup_roles runs again."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowContentType

    from home.roles import MODERATED_SNIPPETS, STATISTICS_EDITORS
    from reform_statistics.models import DossierStatistics, IndexScore

    setup_roles()
    for model in (DossierStatistics, IndexScore):
        assignments = WorkflowContentType.objects.filter(
            content_type=ContentType.objects.get_for_model(model)
        )
        assert [a.workflow.name for a in assignments] == [WORKFLOW_NAME]
        assert model._meta.label in MODERATED_SNIPPETS
    editor = make_user("thongke", STATISTICS_EDITORS)
    administrator = make_user("quantri", SITE_ADMINISTRATORS)
    assert editor.has_perm("reform_statistics.change_dossierstatistics")
    assert not editor.has_perm("reform_statistics.publish_dossierstatistics")
    assert not editor.has_perm("reform_statistics.delete_indexscore")
    # Editors choose agencies and communes in the form but never change them.
    assert editor.has_perm("agencies.view_agency")
    assert not editor.has_perm("agencies.change_agency")
    assert administrator.has_perm("reform_statistics.publish_indexscore")
    assert administrator.has_perm("reform_statistics.delete_dossierstatistics")


def test_vocabularies_are_changed_by_reviewers_not_editors(make_user):
    """A renamed agency shows on every public page at once, so only reviewers rename it."""
    editor = make_user("thutuc", PROCEDURE_EDITORS)
    assert editor.has_perm("agencies.view_agency")
    assert not editor.has_perm("agencies.change_agency")
    assert editor.has_perm("wagtailadmin.access_admin")
    reviewer = make_user("duyet", REVIEWERS)
    assert reviewer.has_perm("agencies.change_agency")
    assert reviewer.has_perm("news.add_newscategory")


def test_only_reviewers_and_administrators_edit_the_search_vocabulary(client, make_user):
    from home.roles import SITE_ADMINISTRATORS

    reviewer = make_user("duyet-tu", REVIEWERS)
    assert reviewer.has_perm("search.change_synonym") and reviewer.has_perm("search.add_synonym")
    assert make_user("quantri-tu", SITE_ADMINISTRATORS).has_perm("search.delete_synonym")
    editor = make_user("thutuc-tu", PROCEDURE_EDITORS)
    assert not editor.has_perm("search.change_synonym")
    client.force_login(reviewer)
    response = client.get("/admin/snippets/search/synonym/")
    assert response.status_code == 200
    assert "bảo hiểm y tế" in response.content.decode()  # the starter list is there
    response = client.post(
        "/admin/snippets/search/synonym/add/",
        {"terms": "giấy đi đường", "meanings": "hộ chiếu", "procedures": "1.001456"},
    )
    assert response.status_code == 302
    client.force_login(editor)
    assert client.get("/admin/snippets/search/synonym/").status_code in (302, 403)
