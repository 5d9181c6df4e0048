"""The search documents of the reform plans and periodic reports (one builder per page type).

A plan's document carries its tasks' words, so that a task is found through its plan; its
facets are the year, the reform areas (category) and the responsible units (unit). A report's
facets are its year and kind (category, as the search page names a content type's
own grouping; "type" is the legal documents' type facet).
"""

from __future__ import annotations

from wagtail.rich_text import get_text_for_indexing

from base.public_url import page_path
from reform_plans.models import PlanPage, ReportPage
from search.documents import (
    KIND_REFORM_PLAN,
    KIND_REFORM_REPORT,
    SearchDocument,
    document_key,
    register,
)


@register(PlanPage, depends_on={"agencies.Agency": "tasks__responsible_agency"})
def plan_document(page: PlanPage) -> SearchDocument | None:
    if not page.live or page.get_view_restrictions().exists():
        return None
    tasks = list(page.tasks.select_related("responsible_agency"))
    areas = sorted({task.get_area_display() for task in tasks})
    units = sorted({task.unit_name for task in tasks if task.unit_name})
    done = sum(1 for task in tasks if task.status == "done")
    number = page.plan_document.number if page.plan_document_id else ""
    return SearchDocument(
        key=document_key(page),
        kind=KIND_REFORM_PLAN,
        url=page_path(page),
        title=page.title,
        number=number,
        summary=page.listing_summary
        or f"Kế hoạch năm {page.year}: {len(tasks)} nhiệm vụ, {done} đã hoàn thành.",
        body="\n".join([get_text_for_indexing(page.intro or ""), *(task.title for task in tasks)]),
        date=page.plan_document.issued_on if page.plan_document_id else None,
        facets={"year": str(page.year), "category": areas, "unit": units},
        extra={"year": str(page.year)},
    )


@register(ReportPage)
def report_document(page: ReportPage) -> SearchDocument | None:
    if not page.live or page.get_view_restrictions().exists():
        return None
    texts = [page.summary]
    for block in page.body:
        if block.block_type == "paragraph":
            texts.append(get_text_for_indexing(block.value.source))
        elif block.block_type == "heading":
            texts.append(block.value)
    return SearchDocument(
        key=document_key(page),
        kind=KIND_REFORM_REPORT,
        url=page_path(page),
        title=page.title,
        summary=page.summary or page.listing_summary or page.period_label,
        body="\n".join(text for text in texts if text),
        date=page.published_on,
        facets={"year": str(page.year), "category": page.get_kind_display()},
        extra={"type": f"{page.get_kind_display()}, {page.period_label}", "year": str(page.year)},
    )
