"""Small builders of inspection content for tests (plain functions over the real page API)."""

from __future__ import annotations

import datetime
import itertools

from agencies.models import Agency, AgencyKind
from home.demo import publish
from inspections.models import (
    Finding,
    FindingCategory,
    FindingKind,
    InspectionIndexPage,
    InspectionPage,
    Remedy,
    RemedyStatus,
)

_counter = itertools.count(1)


def make_agency(name: str = "Sở Tư pháp tỉnh Đồng Tháp", **fields) -> Agency:
    fields.setdefault("kind", AgencyKind.DEPARTMENT)
    agency, _ = Agency.objects.get_or_create(name=name, defaults=fields)
    return agency


def make_finding_category(name: str = "Hồ sơ trễ hạn") -> FindingCategory:
    category, _ = FindingCategory.objects.get_or_create(name=name)
    return category


def remedy(
    deadline: datetime.date,
    status: str = RemedyStatus.OPEN,
    *,
    agency: Agency | None = None,
    category: FindingCategory | None = None,
    completed_on: datetime.date | None = None,
    description: str = "Khắc phục hạn chế",
) -> Remedy:
    return Remedy(
        description=description,
        deadline=deadline,
        status=status,
        responsible_agency=agency,
        category=category,
        completed_on=completed_on,
    )


def make_inspection(
    parent=None,
    *,
    start_date: datetime.date = datetime.date(2025, 3, 12),
    agencies: list[Agency] | None = None,
    remedies: list[Remedy] = (),
    findings: list[Finding] | None = None,
    title: str | None = None,
    live: bool = True,
) -> InspectionPage:
    parent = parent or InspectionIndexPage.objects.get()
    number = next(_counter)
    page = InspectionPage(
        title=title or f"Kiểm tra thử nghiệm số {number}",
        slug=f"kiem-tra-thu-nghiem-{number}",
        start_date=start_date,
        lead_name="Lê Minh Trung",
        lead_title="Phó Giám đốc",
        live=live,
    )
    parent.add_child(instance=page)
    page.inspected_agencies.set(agencies if agencies is not None else [make_agency()])
    if findings is None:
        findings = [
            Finding(kind=FindingKind.STRENGTH, text="Công khai đầy đủ thủ tục."),
            Finding(
                kind=FindingKind.SHORTCOMING,
                text="Còn hồ sơ trễ hạn.",
                category=make_finding_category(),
            ),
        ]
    page.findings.set(findings)
    page.remedies.set(list(remedies))
    if live:
        publish(page)
    else:
        page.save_revision()
    return InspectionPage.objects.get(pk=page.pk)
