"""Editor roles as Wagtail groups, and the moderation workflow that gates publishing.

Nothing an editor does reaches the public without a reviewer:

- pages: editors create and change pages in their own section but cannot publish; submitting
  sends the page to the reviewers' approval task;
- images and documents: editors upload only into the private collection "Tệp chờ duyệt"
  (and may change or delete only what they uploaded there); the files a page uses move to the
  official collection when a reviewer publishes the page (`home.media`), where only reviewers
  and site administrators may change or delete them;
- vocabularies (agencies, fields, categories, document types...): editors see those their
  section uses and choose from them; only reviewers and site administrators add, change or
  delete entries;
- statistics (dossier figures, index results: `MODERATED_SNIPPETS`): statistics editors add
  and change rows as drafts and submit them to the same workflow as pages; reviewers and site
  administrators publish and delete them.

Site administrators manage users, redirects and settings too, but never superusers
(`home.users`). `setup_roles()` is idempotent; `manage.py setup_roles` runs it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

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

OFFICIAL_COLLECTION = "Tệp chính thức"
UPLOADS_COLLECTION = "Tệp chờ duyệt"

# Collection permissions as (collection, app_label, codename); "root" covers every collection.
# Wagtail lets a user with "add" on a collection change and delete the files they uploaded
# there, so "add" on the uploads collection alone lets editors fix their own uploads.
MEDIA_CHOOSE_AND_UPLOAD = (
    ("root", "wagtailimages", "choose_image"),
    ("root", "wagtaildocs", "choose_document"),
    ("uploads", "wagtailimages", "add_image"),
    ("uploads", "wagtaildocs", "add_document"),
)
MEDIA_ALL = tuple(
    ("root", app_label, f"{action}_{model}")
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "delete", "choose")
)

# Every vocabulary managed in the admin. Editors may view the entries of their section's
# vocabularies (and choose from any in a form); reviewers and site administrators manage them
# all. A test checks that every snippet model is listed here.
VOCABULARIES = (
    "administrative_units.AdministrativeUnit",
    "agencies.Agency",
    "agencies.OneStopOffice",
    "procedures_catalog.Field",
    "procedures_catalog.Level",
    "procedures_catalog.ApplicantType",
    "procedures_catalog.LifeSituation",
    "procedures_catalog.ProcedureCodeAlias",
    "legal_documents.DocumentType",
    "legal_documents.Issuer",
    "legal_documents.LegalField",
    "news.NewsCategory",
    "inspections.FindingCategory",
    # The search vocabulary changes every search: only reviewers and administrators edit it.
    "search.Synonym",
)
# Readers' feedback (feedback/): each editor group triages the feedback on its own section's
# pages (the section is narrowed per item by feedback.sections); reviewers and site
# administrators triage every section's; only site administrators delete an item.
FEEDBACK_TRIAGE = ("feedback.view_feedback", "feedback.change_feedback")
# Snippets that are content, not vocabularies: they have drafts and go through the moderation
# workflow of the pages (Wagtail's DraftStateMixin, WorkflowMixin). A test checks that every
# snippet model with drafts is listed here.
MODERATED_SNIPPETS = ("reform_statistics.DossierStatistics", "reform_statistics.IndexScore")
VIEW = ("view",)
# Drafts only: saving and submitting for review, never publishing or deleting.
DRAFT = ("add", "change", "view")
MANAGE = ("add", "change", "delete", "view")
# Everything, publishing and (un)locking included.
MODERATE = (*MANAGE, "publish", "lock", "unlock")


@dataclass(frozen=True)
class Role:
    name: str
    # Section pages (app_label.ModelName) under which the role may work, or "root".
    sections: tuple[str, ...]
    page_permissions: tuple[str, ...]
    # What the role may do with vocabularies: VIEW or MANAGE; only with those of the apps in
    # `vocabulary_apps` (all apps when empty).
    vocabulary_actions: tuple[str, ...] = VIEW
    vocabulary_apps: tuple[str, ...] = ()
    collection_permissions: tuple[tuple[str, str, str], ...] = MEDIA_CHOOSE_AND_UPLOAD
    # What the role may do with MODERATED_SNIPPETS: nothing, DRAFT or MODERATE.
    moderated_snippet_actions: tuple[str, ...] = ()
    # Extra model permissions as "app_label.codename".
    extra_permissions: tuple[str, ...] = field(default=())


ROLES = (
    Role(
        NEWS_EDITORS,
        # The Department of Home Affairs' editors: news, inspections, reform plans and reports.
        sections=(
            "news.NewsIndexPage",
            "inspections.InspectionIndexPage",
            "reform_plans.PlanIndexPage",
            "reform_plans.ReportIndexPage",
        ),
        page_permissions=EDIT,
        vocabulary_apps=("news", "inspections", "agencies"),
        extra_permissions=FEEDBACK_TRIAGE,
    ),
    Role(
        PROCEDURE_EDITORS,
        sections=("procedures_catalog.ProcedureIndexPage",),
        page_permissions=EDIT,
        vocabulary_apps=("procedures_catalog", "agencies", "administrative_units"),
        extra_permissions=FEEDBACK_TRIAGE,
    ),
    Role(
        LEGAL_DOCUMENT_EDITORS,
        sections=("legal_documents.LegalDocumentIndexPage",),
        page_permissions=EDIT,
        vocabulary_apps=("legal_documents", "agencies"),
        extra_permissions=FEEDBACK_TRIAGE,
    ),
    Role(
        # Figures are moderated snippets: this group drafts and submits them, like pages.
        STATISTICS_EDITORS,
        sections=(),
        page_permissions=(),
        vocabulary_apps=("agencies", "administrative_units"),
        moderated_snippet_actions=DRAFT,
        extra_permissions=(
            *FEEDBACK_TRIAGE,
            # Uploaded files wait as a batch for a reviewer (reform_statistics/review.py).
            "reform_statistics.add_importbatch",
            "reform_statistics.view_importbatch",
        ),
    ),
    Role(
        REVIEWERS,
        sections=("root",),
        page_permissions=PUBLISH,
        vocabulary_actions=MANAGE,
        moderated_snippet_actions=MODERATE,
        collection_permissions=MEDIA_ALL,
        # Feedback triage; e-mail alert subscriptions: see them, remove one on request
        # (alerts.wagtail_hooks); statistics batches: approve them (reform_statistics/review.py).
        extra_permissions=(
            *FEEDBACK_TRIAGE,
            "alerts.view_subscription",
            "alerts.delete_subscription",
            "reform_statistics.add_importbatch",
            "reform_statistics.view_importbatch",
            "reform_statistics.approve_importbatch",
        ),
    ),
    Role(
        SITE_ADMINISTRATORS,
        sections=("root",),
        page_permissions=EVERYTHING,
        vocabulary_actions=MANAGE,
        moderated_snippet_actions=MODERATE,
        collection_permissions=MEDIA_ALL,
        extra_permissions=(
            "home.change_portalsettings",
            "reform_statistics.add_importbatch",
            "reform_statistics.view_importbatch",
            "reform_statistics.approve_importbatch",
            "auth.add_user",
            "auth.change_user",
            "auth.delete_user",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
            *FEEDBACK_TRIAGE,
            "feedback.delete_feedback",
            "alerts.view_subscription",
            "alerts.delete_subscription",
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


def _model_permissions(
    actions: tuple[str, ...], app_labels=(), labels=VOCABULARIES
) -> list[Permission]:
    permissions = []
    for label in labels:
        if app_labels and label.split(".")[0] not in app_labels:
            continue
        model = apps.get_model(label)
        content_type = ContentType.objects.get_for_model(model)
        codenames = [f"{action}_{model._meta.model_name}" for action in actions]
        permissions += Permission.objects.filter(content_type=content_type, codename__in=codenames)
    return permissions


def collections() -> dict[str, Collection]:
    """The root, the official collection and the private uploads collection, created if missing."""
    root = Collection.get_first_root_node()
    found = {"root": root}
    for key, name in (("official", OFFICIAL_COLLECTION), ("uploads", UPLOADS_COLLECTION)):
        collection = root.get_children().filter(name=name).first()
        found[key] = collection or root.add_child(name=name)
    # Files waiting for review are served to logged-in users only (documents; images are not
    # served through a view, but nothing public links to them before a reviewer publishes).
    CollectionViewRestriction.objects.get_or_create(
        collection=found["uploads"],
        defaults={"restriction_type": CollectionViewRestriction.LOGIN},
    )
    return found


def _apply_role(role: Role, collections_by_key: dict[str, Collection]) -> Group:
    group, _ = Group.objects.get_or_create(name=role.name)
    permissions = [_permission("wagtailadmin", "access_admin")]
    permissions += _model_permissions(role.vocabulary_actions, role.vocabulary_apps)
    permissions += _model_permissions(role.moderated_snippet_actions, labels=MODERATED_SNIPPETS)
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

    wanted = [
        (collections_by_key[key], _permission(app_label, codename))
        for key, app_label, codename in role.collection_permissions
    ]
    kept = []
    for collection, permission in wanted:
        grant, _ = GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
        kept.append(grant.pk)
    GroupCollectionPermission.objects.filter(group=group).exclude(pk__in=kept).delete()
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
    # And every moderated snippet, through its content type.
    for label in MODERATED_SNIPPETS:
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(apps.get_model(label)),
            defaults={"workflow": workflow},
        )
    return workflow


@transaction.atomic
def setup_roles() -> dict[str, Group]:
    collections_by_key = collections()
    groups = {role.name: _apply_role(role, collections_by_key) for role in ROLES}
    _apply_workflow(groups[REVIEWERS])
    # Wagtail's English default groups would only confuse editors once ours exist.
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()
    return groups
