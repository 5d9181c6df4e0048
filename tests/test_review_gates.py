"""What keeps editors' work from reaching the public unreviewed, beyond page moderation:
files move to the official collection only when a reviewer publishes, vocabularies are
reviewers' to change, and site administrators cannot reach superusers."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from agencies.models import Agency, AgencyKind
from home.media import referenced_files
from home.roles import (
    LEGAL_DOCUMENT_EDITORS,
    NEWS_EDITORS,
    PROCEDURE_EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    collections,
    setup_roles,
)
from legal_documents.models import DocumentFile, LegalDocumentIndexPage, LegalDocumentPage

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def groups(home_page):
    return setup_roles()


@pytest.fixture
def make_user(groups):
    def make(username, group_name=None, **extra):
        user = get_user_model().objects.create_user(username, password="pw-" + username, **extra)
        if group_name:
            user.groups.add(groups[group_name])
        return user

    return make


def _upload(editor, collection):
    document = get_document_model().objects.create(
        title="Quyết định 12/QĐ-UBND",
        file=ContentFile(PDF, name="qd-12.pdf"),
        collection=collection,
        uploaded_by_user=editor,
    )
    image = get_image_model().objects.create(
        title="Ảnh hội nghị",
        file=get_test_image_file(),
        collection=collection,
        uploaded_by_user=editor,
    )
    return document, image


def test_files_a_page_uses_become_official_when_a_reviewer_publishes(make_user, client):
    editor = make_user("vanban", LEGAL_DOCUMENT_EDITORS)
    reviewer = make_user("duyet", REVIEWERS)
    by_key = collections()
    document, image = _upload(editor, by_key["uploads"])
    unused, _ = _upload(editor, by_key["uploads"])

    page = LegalDocumentPage(title="Quyết định số 12/QĐ-UBND", number="12/QĐ-UBND")
    page.listing_image = image
    page.files = [DocumentFile(document=document, label="Bản có chữ ký")]
    LegalDocumentIndexPage.objects.get().add_child(instance=page)
    page.save_revision(user=editor)
    assert referenced_files(page)[get_document_model()] == {str(document.pk)}

    # Before review the editor may still replace the file; the public cannot fetch it.
    client.force_login(editor)
    assert client.get(reverse("wagtaildocs:edit", args=[document.pk])).status_code == 200
    client.logout()
    assert client.get(document.url).status_code in (302, 403)

    workflow = page.get_workflow()
    workflow.start(page, editor)
    task = page.current_workflow_task
    task.on_action(page.current_workflow_task_state, reviewer, "approve")

    document.refresh_from_db()
    image.refresh_from_db()
    unused.refresh_from_db()
    assert document.collection == by_key["official"]
    assert image.collection == by_key["official"]
    assert unused.collection == by_key["uploads"]  # not used by the page: stays a draft
    assert client.get(document.url).status_code == 200

    # Now the editor who uploaded it can no longer replace or delete it.
    client.force_login(editor)
    assert client.get(reverse("wagtaildocs:edit", args=[document.pk])).status_code in (302, 403)
    assert client.get(reverse("wagtaildocs:delete", args=[document.pk])).status_code in (302, 403)
    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code in (302, 403)
    client.force_login(reviewer)
    assert client.get(reverse("wagtaildocs:edit", args=[document.pk])).status_code == 200


def test_editor_upload_form_offers_only_the_uploads_collection(make_user, client):
    editor = make_user("tintuc", NEWS_EDITORS)
    client.force_login(editor)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Kế hoạch",
            "file": ContentFile(PDF, name="ke-hoach.pdf"),
            "collection": collections()["official"].pk,
        },
    )
    assert response.status_code in (200, 302)
    document = get_document_model().objects.get(title="Kế hoạch")
    assert document.collection == collections()["uploads"]


@pytest.mark.parametrize("group_name", [NEWS_EDITORS, PROCEDURE_EDITORS, LEGAL_DOCUMENT_EDITORS])
def test_editors_cannot_rename_a_vocabulary_entry(make_user, client, group_name):
    agency = Agency.objects.create(name="Sở Nội vụ", kind=AgencyKind.DEPARTMENT)
    client.force_login(make_user("editor", group_name))
    edit_url = reverse("wagtailsnippets_agencies_agency:edit", args=[agency.pk])
    assert client.get(reverse("wagtailsnippets_agencies_agency:list")).status_code == 200
    response = client.post(edit_url, {"name": "Sở Nội vụ (đã đổi)", "kind": "so"})
    assert response.status_code in (302, 403)
    agency.refresh_from_db()
    assert agency.name == "Sở Nội vụ"


def test_reviewer_renames_a_vocabulary_entry(make_user, client):
    agency = Agency.objects.create(name="Sở Nội vụ", kind=AgencyKind.DEPARTMENT)
    client.force_login(make_user("duyet", REVIEWERS))
    edit_url = reverse("wagtailsnippets_agencies_agency:edit", args=[agency.pk])
    response = client.post(edit_url, {"name": "Sở Nội vụ tỉnh", "slug": agency.slug, "kind": "so"})
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.name == "Sở Nội vụ tỉnh"


def test_site_administrator_cannot_create_or_touch_superusers(make_user, client):
    admin = make_user("quantri", SITE_ADMINISTRATORS)
    root = get_user_model().objects.create_superuser("root", "root@example.invalid", "old-pass")
    client.force_login(admin)

    form = client.get(reverse("wagtailusers_users:add"))
    assert form.status_code == 200
    assert 'name="is_superuser"' not in form.content.decode()
    client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "moi",
            "email": "moi@example.invalid",
            "first_name": "Mới",
            "last_name": "Người",
            "password1": "Mat-khau-dai-123",
            "password2": "Mat-khau-dai-123",
            "is_superuser": "on",
            "is_active": "on",
        },
    )
    created = get_user_model().objects.get(username="moi")
    assert not created.is_superuser

    assert "root" not in client.get(reverse("wagtailusers_users:index")).content.decode()
    edit = reverse("wagtailusers_users:edit", args=[root.pk])
    # Wagtail's admin answers a refusal with a redirect to the dashboard and a message.
    assert client.get(edit).status_code in (302, 403)
    response = client.post(
        edit,
        {
            "username": "root",
            "email": "x@example.invalid",
            "password1": "Chiem-quyen-123",
            "password2": "Chiem-quyen-123",
            "is_active": "on",
        },
    )
    assert response.status_code in (302, 403)
    root.refresh_from_db()
    assert root.check_password("old-pass")
    delete = client.post(reverse("wagtailusers_users:delete", args=[root.pk]))
    assert delete.status_code in (302, 403)
    assert get_user_model().objects.filter(pk=root.pk).exists()

    # Nor can they promote an ordinary account.
    editor = make_user("tintuc", NEWS_EDITORS, email="tt@example.invalid")
    client.post(
        reverse("wagtailusers_users:edit", args=[editor.pk]),
        {
            "username": "tintuc",
            "email": "tt@example.invalid",
            "is_superuser": "on",
            "is_active": "on",
            "groups": [editor.groups.get().pk],
        },
    )
    editor.refresh_from_db()
    assert not editor.is_superuser
