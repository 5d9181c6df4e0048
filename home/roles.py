"""Editor roles as Wagtail groups, and the moderation workflow that gates publishing.

Editors may create and change pages in their own section and manage their section's
vocabularies (snippets), but cannot publish: submitting sends the page to the reviewers'
approval task. Reviewers approve and publish anywhere; site administrators manage everything,
users and settings included. `setup_roles()` is idempotent; `manage.py setup_roles` runs it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.snippets.models import get_snippet_models

NEWS_EDITORS = "Biên tập viên tin tức"
PROCEDURE_EDITORS = "Biên tập viên thủ tục hành chính"
LEGAL_DOCUMENT_EDITORS = "Biên tập viên văn bản"
STATISTICS_EDITORS = "Biên tập viên số liệu thống kê"
REVIEWERS = "Người duyệt nội dung"
SITE_ADMINISTRATORS = "Quản trị cổng thông tin"

WORKFLOW_NAME = "Duyệt nội dung trước khi đăng"
APPROVAL_TASK_NAME = "Người duyệt phê duyệt"

EDIT = ("add_page", "change_page")
PUBLISH = (*EDIT, "publish_page", "lock_page", "unlock_page")
EVERYTHING = (*PUBLISH, "bulk_delete_page")

MEDIA_EDIT = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
MEDIA_ALL = (*MEDIA_EDIT, ("wagtailimages", "delete_image"), ("wagtaildocs", "delete_document"))
DOMAIN_APPS = (
    "administrative_units",
    "agencies",
    "procedures_catalog",
    "legal_documents",
    "news",
    "inspections",
    "reform_statistics",
)


@dataclass(frozen=True)
class Role:
    name: str
    # Section pages (app_label.ModelName) under which the role may work, or "root".
    sections: tuple[str, ...]
    page_permissions: tuple[str, ...]
    # Apps whose snippet models (vocabularies) the role manages.
    snippet_apps: tuple[str, ...] = ()
    collection_permissions: tuple[tuple[str, str], ...] = MEDIA_EDIT
    # Extra model permissions as "app_label.codename".
    extra_permissions: tuple[str, ...] = field(default=())


ROLES = (
    Role(
        NEWS_EDITORS,
        sections=("news.NewsIndexPage", "inspections.InspectionIndexPage"),
        page_permissions=EDIT,
        snippet_apps=("news", "inspections"),
    ),
    Role(
        PROCEDURE_EDITORS,
        sections=("procedures_catalog.ProcedureIndexPage",),
        page_permissions=EDIT,
        snippet_apps=("procedures_catalog", "agencies"),
    ),
    Role(
        LEGAL_DOCUMENT_EDITORS,
        sections=("legal_documents.LegalDocumentIndexPage",),
        page_permissions=EDIT,
        snippet_apps=("legal_documents",),
    ),
    Role(
        STATISTICS_EDITORS,
        sections=(),
        page_permissions=(),
        snippet_apps=("reform_statistics",),
    ),
    Role(
        REVIEWERS,
        sections=("root",),
        page_permissions=PUBLISH,
        # Figures are published as soon as saved, so reviewers keep them too.
        snippet_apps=("reform_statistics",),
    ),
    Role(
        SITE_ADMINISTRATORS,
        sections=("root",),
        page_permissions=EVERYTHING,
        snippet_apps=DOMAIN_APPS,
        collection_permissions=MEDIA_ALL,
        extra_permissions=(
            "home.change_portalsettings",
            "auth.add_user",
            "auth.change_user",
            "auth.delete_user",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
        ),
    ),
)


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _section_pages(section: str) -> list[Page]:
    if section == "root":
        return [Page.get_first_root_node()]
    model = apps.get_model(section)
    return list(model.objects.all())


def _snippet_permissions(app_labels: tuple[str, ...]) -> list[Permission]:
    models = [m for m in get_snippet_models() if m._meta.app_label in app_labels]
    content_types = ContentType.objects.get_for_models(*models).values() if models else []
    return list(Permission.objects.filter(content_type__in=list(content_types)))


def _apply_role(role: Role, root_collection: Collection) -> Group:
    group, _ = Group.objects.get_or_create(name=role.name)
    permissions = [_permission("wagtailadmin", "access_admin")]
    permissions += _snippet_permissions(role.snippet_apps)
    permissions += [_permission(*perm.split(".")) for perm in role.extra_permissions]
    group.permissions.set(permissions)

    page_permissions = [_permission("wagtailcore", codename) for codename in role.page_permissions]
    pages = [page for section in role.sections for page in _section_pages(section)]
    GroupPagePermission.objects.filter(group=group).exclude(page__in=pages).delete()
    for page in pages:
        GroupPagePermission.objects.filter(group=group, page=page).exclude(
            permission__in=page_permissions
        ).delete()
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)

    collection_permissions = [_permission(*perm) for perm in role.collection_permissions]
    GroupCollectionPermission.objects.filter(group=group).exclude(
        permission__in=collection_permissions
    ).delete()
    for permission in collection_permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )
    return group


def _apply_workflow(reviewers: Group) -> Workflow:
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    task.groups.set([reviewers])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # One workflow for the whole tree: every page inherits it from the root.
    WorkflowPage.objects.update_or_create(
        page=Page.get_first_root_node(), defaults={"workflow": workflow}
    )
    return workflow


@transaction.atomic
def setup_roles() -> dict[str, Group]:
    root_collection = Collection.get_first_root_node()
    groups = {role.name: _apply_role(role, root_collection) for role in ROLES}
    _apply_workflow(groups[REVIEWERS])
    # Wagtail's English default groups would only confuse editors once ours exist.
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()
    return groups
