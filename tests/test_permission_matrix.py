"""The permission matrix: what each role may do in each area of the admin.

The expected matrix is the table in README.md ("Permission matrix"); this test reads it and
checks every cell against what Wagtail actually allows each role, so the documentation and
the permissions cannot drift apart. Every vocabulary is checked on its own.
"""

import os
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models

from feedback.models import Feedback, Kind
from home.models import HomePage
from home.roles import (
    LEGAL_DOCUMENT_EDITORS,
    MODERATED_SNIPPETS,
    NEWS_EDITORS,
    PROCEDURE_EDITORS,
    REVIEWERS,
    ROLES,
    SITE_ADMINISTRATORS,
    STATISTICS_EDITORS,
    VOCABULARIES,
    collections,
    setup_roles,
)
from inspections.models import InspectionIndexPage
from legal_documents.models import LegalDocumentIndexPage
from news.models import NewsIndexPage
from procedures_catalog.models import ProcedureIndexPage
from reform_plans.models import PlanIndexPage, ReportIndexPage

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[1] / "README.md"
ROLE_COLUMNS = {
    "news editor": NEWS_EDITORS,
    "procedure editor": PROCEDURE_EDITORS,
    "legal editor": LEGAL_DOCUMENT_EDITORS,
    "statistics editor": STATISTICS_EDITORS,
    "reviewer": REVIEWERS,
    "site administrator": SITE_ADMINISTRATORS,
}
ACTIONS = ("view", "add", "change", "delete", "publish")
image_policy = policy_registry.get_by_type(get_image_model())
document_policy = policy_registry.get_by_type(get_document_model())


def documented_matrix() -> dict[tuple[str, str], set[str]]:
    """{(area, role column): actions} from the README's permission matrix table."""
    text = README.read_text()
    section = text.split("### Permission matrix", 1)[1].splitlines()
    start = next(i for i, line in enumerate(section) if line.startswith("|"))
    table = []
    for line in section[start:]:
        if not line.startswith("|"):
            break
        table.append(line)
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in table]
    header, body = rows[0], rows[2:]
    assert [h.lower() for h in header[1:]] == list(ROLE_COLUMNS), header
    matrix = {}
    for row in body:
        area = row[0].strip("*` ")
        for column, cell in zip(ROLE_COLUMNS, row[1:], strict=True):
            actions = set(re.findall(r"[a-z]+", cell)) - {"none"}
            assert actions <= set(ACTIONS), (area, cell)
            matrix[(area, column)] = actions
    return matrix


def _app(label: str) -> str:
    return label.split(".")[0]


def _page_actions(page, user) -> set[str]:
    tester = page.permissions_for_user(user)
    checks = {
        "add": tester.can_add_subpage(),
        "change": tester.can_edit(),
        "delete": tester.can_delete(),
        "publish": tester.can_publish(),
    }
    return {action for action, allowed in checks.items() if allowed}


def _model_actions(model, user, actions=("view", "add", "change", "delete")) -> set[str]:
    policy = ModelPermissionPolicy(model)
    return {a for a in actions if policy.user_has_permission(user, a)}


def _file_actions(policy, instance, user, collection) -> set[str]:
    actions = set()
    if policy.user_has_permission_for_instance(user, "choose", instance):
        actions.add("view")
    if collection in policy.collections_user_has_permission_for(user, "add"):
        actions.add("add")
    for action in ("change", "delete"):
        if policy.user_has_permission_for_instance(user, action, instance):
            actions.add(action)
    return actions


@pytest.fixture
def world(home_page, client):
    groups = setup_roles()
    by_key = collections()
    user_model = get_user_model()
    users = {}
    for column, group_name in ROLE_COLUMNS.items():
        user = user_model.objects.create_user(column.replace(" ", "."), password="x")
        user.groups.add(groups[group_name])
        users[column] = user
    someone = user_model.objects.create_user("someone.else", password="x")
    superuser = user_model.objects.create_superuser("root", password="x")
    image_model, document_model = get_image_model(), get_document_model()

    def image(collection, owner=None):
        return image_model.objects.create(
            title="Ảnh",
            file=get_test_image_file(),
            collection=collection,
            uploaded_by_user=owner,
        )

    def document(collection, owner=None):
        return document_model.objects.create(
            title="Văn bản",
            file=ContentFile(b"%PDF-1.4 test", name="vb.pdf"),
            collection=collection,
            uploaded_by_user=owner,
        )

    # Feedback on a page of each role's own section and of another one (reviewers and
    # administrators own the whole tree: their "own" is the home page's).
    feedback_sections = {
        "news editor": ("tin-tuc", "thu-tuc"),
        "procedure editor": ("thu-tuc", "van-ban"),
        "legal editor": ("van-ban", "kiem-tra"),
        "statistics editor": ("thong-ke", "thu-tuc"),
        "reviewer": ("chung", "thu-tuc"),
        "site administrator": ("chung", "van-ban"),
    }
    feedback = {
        column: tuple(
            Feedback.objects.create(kind=Kind.REPORT, path="/", section=section, text="Sai.")
            for section in sections
        )
        for column, sections in feedback_sections.items()
    }
    return {
        "users": users,
        "feedback": feedback,
        "someone": someone,
        "superuser": superuser,
        "collections": by_key,
        "image": image,
        "document": document,
    }


def _user_admin_actions(client, actor, target) -> set[str]:
    """What `actor` can do to `target` through the admin's user views; "add" for a superuser
    target means the add form offers to make the new account a superuser."""
    client.force_login(actor)
    actions = set()
    index = client.get(reverse("wagtailusers_users:index"))
    if index.status_code == 200 and target.username in index.content.decode():
        actions.add("view")
    add = client.get(reverse("wagtailusers_users:add"))
    if add.status_code == 200 and (
        not target.is_superuser or 'name="is_superuser"' in add.content.decode()
    ):
        actions.add("add")
    edit = client.get(reverse("wagtailusers_users:edit", args=[target.pk]))
    if edit.status_code == 200:
        actions.add("change")
    delete = client.get(reverse("wagtailusers_users:delete", args=[target.pk]))
    if delete.status_code == 200:
        actions.add("delete")
    return actions


def _feedback_actions(client, user, item) -> set[str]:
    """What `user` can do with a feedback item through the admin's triage views."""
    client.force_login(user)
    actions = set()
    index = client.get(reverse("gop-y:index"))
    edit_url = reverse("gop-y:edit", args=[item.pk])
    if index.status_code == 200 and edit_url in index.content.decode():
        actions.add("view")
    if client.get(edit_url).status_code == 200:
        actions.add("change")
    if client.get(reverse("gop-y:delete", args=[item.pk])).status_code == 200:
        actions.add("delete")
    return actions


def actual_matrix(world, client) -> dict[tuple[str, str], set[str]]:
    matrix = {}
    by_key = world["collections"]
    pages = {
        "news and inspection pages": [
            NewsIndexPage.objects.get(),
            InspectionIndexPage.objects.get(),
        ],
        "procedure pages": [ProcedureIndexPage.objects.get()],
        "legal document pages": [LegalDocumentIndexPage.objects.get()],
        "home page": [HomePage.objects.get()],
        "reform plan and report pages": [
            PlanIndexPage.objects.get(),
            ReportIndexPage.objects.get(),
        ],
    }
    for column, user in world["users"].items():
        for area, area_pages in pages.items():
            found = [_page_actions(page, user) for page in area_pages]
            assert all(f == found[0] for f in found), (area, column, found)
            matrix[(area, column)] = found[0]

        role = next(r for r in ROLES if r.name == ROLE_COLUMNS[column])
        own = [
            v for v in VOCABULARIES if not role.vocabulary_apps or _app(v) in role.vocabulary_apps
        ]
        others = [v for v in VOCABULARIES if v not in own] or own
        for area, labels in (("own section's vocabularies", own), ("other vocabularies", others)):
            found = {label: _model_actions(apps.get_model(label), user) for label in labels}
            assert len(set(map(frozenset, found.values()))) == 1, (column, found)
            matrix[(area, column)] = next(iter(found.values()))
        # Statistics: snippets with drafts, published like pages.
        found = {
            label: _model_actions(apps.get_model(label), user, ACTIONS)
            for label in MODERATED_SNIPPETS
        }
        assert len(set(map(frozenset, found.values()))) == 1, (column, found)
        matrix[("statistics figures and index results", column)] = next(iter(found.values()))

        official = [
            _file_actions(
                image_policy, world["image"](by_key["official"]), user, by_key["official"]
            ),
            _file_actions(
                document_policy, world["document"](by_key["official"]), user, by_key["official"]
            ),
            _file_actions(image_policy, world["image"](by_key["root"]), user, by_key["root"]),
        ]
        assert all(o == official[0] for o in official), (column, official)
        matrix[("official images and documents", column)] = official[0]

        own = [
            _file_actions(
                image_policy, world["image"](by_key["uploads"], user), user, by_key["uploads"]
            ),
            _file_actions(
                document_policy, world["document"](by_key["uploads"], user), user, by_key["uploads"]
            ),
        ]
        assert own[0] == own[1], (column, own)
        matrix[("own uploads awaiting review", column)] = own[0]

        others = [
            _file_actions(
                image_policy,
                world["image"](by_key["uploads"], world["someone"]),
                user,
                by_key["uploads"],
            ),
            _file_actions(
                document_policy,
                world["document"](by_key["uploads"], world["someone"]),
                user,
                by_key["uploads"],
            ),
        ]
        assert others[0] == others[1], (column, others)
        matrix[("others' uploads awaiting review", column)] = others[0]

        matrix[("user accounts", column)] = _user_admin_actions(client, user, world["someone"])
        matrix[("superuser accounts", column)] = _user_admin_actions(
            client, user, world["superuser"]
        )
        matrix[("portal settings", column)] = {"change"} & (
            {"change"} if user.has_perm("home.change_portalsettings") else set()
        )
        matrix[("redirects", column)] = _model_actions(Redirect, user)
        own_section, other_section = world["feedback"][column]
        matrix[("feedback on own section's pages", column)] = _feedback_actions(
            client, user, own_section
        )
        matrix[("feedback on other sections' pages", column)] = _feedback_actions(
            client, user, other_section
        )
        matrix[("groups and workflows", column)] = _model_actions(Group, user) | (
            {"change"} if user.has_perm("wagtailcore.change_workflow") else set()
        )
    return matrix


def test_permission_matrix_matches_the_readme(world, client):
    # PRINT_MATRIX=1 pytest -s tests/test_permission_matrix.py prints the real table.
    if os.environ.get("PRINT_MATRIX"):
        actual = actual_matrix(world, client)
        for area in dict.fromkeys(a for a, _ in actual):
            cells = [
                ", ".join(x for x in ACTIONS if x in actual[(area, c)]) or "none"
                for c in ROLE_COLUMNS
            ]
            print("| " + area + " | " + " | ".join(cells) + " |")
    documented = documented_matrix()
    actual = actual_matrix(world, client)
    assert set(documented) == set(actual), sorted(set(documented) ^ set(actual))
    wrong = {
        cell: (documented[cell], actual[cell])
        for cell in actual
        if documented[cell] != actual[cell]
    }
    assert not wrong, wrong


def test_every_snippet_model_is_a_vocabulary_under_review():
    """A new snippet (vocabulary) must be listed in home.roles.VOCABULARIES, or editors
    would have no access to it and nobody's review would cover it."""
    from django.urls import get_resolver

    assert get_resolver().url_patterns  # loading the admin's URLs registers the snippets
    domain = {"administrative_units", "agencies", "procedures_catalog", "legal_documents"}
    domain |= {"news", "inspections"}
    labels = {m._meta.label for m in get_snippet_models() if m._meta.app_label in domain}
    assert labels <= set(VOCABULARIES), labels - set(VOCABULARIES)


def test_every_snippet_with_drafts_goes_through_the_workflow():
    """A snippet with drafts must be in home.roles.MODERATED_SNIPPETS: otherwise nobody could
    publish it, and the pages' workflow would not gate it."""
    from django.urls import get_resolver
    from wagtail.models import DraftStateMixin

    assert get_resolver().url_patterns
    labels = {m._meta.label for m in get_snippet_models() if issubclass(m, DraftStateMixin)}
    assert labels == set(MODERATED_SNIPPETS)
    assert not set(MODERATED_SNIPPETS) & set(VOCABULARIES)
