"""Which section a page or path belongs to, and which editors answer for it.

A feedback item is triaged by the group that owns its section, the same groups that edit
those pages (`home.roles.ROLES`): news and inspections by the news editors, procedures by the
procedure editors, legal documents by the legal editors, `/thong-ke/` by the statistics
editors. What belongs to no section (the home page, other pages) goes to the reviewers,
who, like site administrators, see every section's feedback.
"""

from __future__ import annotations

from dataclasses import dataclass

from home.roles import REVIEWERS, ROLES, STATISTICS_EDITORS


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    # The section's index page model ("app_label.ModelName"), or None for views outside the
    # page tree, which are matched by `path_prefix`.
    index_page: str | None = None
    path_prefix: str | None = None


SECTIONS = (
    Section("thu-tuc", "Thủ tục hành chính", index_page="procedures_catalog.ProcedureIndexPage"),
    Section("van-ban", "Văn bản", index_page="legal_documents.LegalDocumentIndexPage"),
    Section("tin-tuc", "Tin tức", index_page="news.NewsIndexPage"),
    Section(
        "kiem-tra", "Kiểm tra cải cách hành chính", index_page="inspections.InspectionIndexPage"
    ),
    Section("thong-ke", "Số liệu thống kê", path_prefix="/thong-ke/"),
    Section("chung", "Trang chủ và trang chung"),
)
GENERAL = "chung"
BY_KEY = {section.key: section for section in SECTIONS}
# Statistics are not pages: no role lists them in `sections`, so their owner is named here.
OWNERS_OUTSIDE_THE_TREE = {"thong-ke": (STATISTICS_EDITORS,), GENERAL: (REVIEWERS,)}
# Roles that work on the whole tree see every section's feedback.
ALL_SECTIONS_GROUPS = tuple(role.name for role in ROLES if "root" in role.sections)


CHOICES = [(section.key, section.label) for section in SECTIONS]


def section_of(page=None, path: str = "") -> str:
    """The section key of a page (by the types of its ancestors) or of a path outside the tree."""
    if page is not None:
        types = {
            f"{app_label}.{model}"
            for app_label, model in page.get_ancestors(inclusive=True).values_list(
                "content_type__app_label", "content_type__model"
            )
        }
        for section in SECTIONS:
            if section.index_page and section.index_page.lower() in types:
                return section.key
        return GENERAL
    for section in SECTIONS:
        if section.path_prefix and path.startswith(section.path_prefix):
            return section.key
    return GENERAL


def owner_groups(section_key: str) -> tuple[str, ...]:
    """Names of the groups that triage the section's feedback (reviewers see all anyway)."""
    if section_key in OWNERS_OUTSIDE_THE_TREE:
        return OWNERS_OUTSIDE_THE_TREE[section_key]
    section = BY_KEY[section_key]
    return tuple(
        role.name
        for role in ROLES
        if section.index_page in role.sections and role.name not in ALL_SECTIONS_GROUPS
    ) or (REVIEWERS,)


def sections_for(user) -> list[str] | None:
    """Section keys whose feedback `user` may see; None = all of them."""
    if user.is_superuser:
        return None
    names = set(user.groups.values_list("name", flat=True))
    if names & set(ALL_SECTIONS_GROUPS):
        return None
    return [s.key for s in SECTIONS if names & set(owner_groups(s.key))]
