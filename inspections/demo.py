"""Demo content of the inspections section: yearly plans, six inspections, their remedies.

Two inspections are history and keep their dates: the former districts Lai Vung and Lấp Vò
(dissolved on 1 July 2025, marked historical) in March 2025 and the Department of Justice in
May 2025, all of whose remedies were closed that year. The four others are placed relative to
the day the demo is loaded (`schedule(today)`), over the last seven months, so that "overdue"
stays realistic whenever the demo is loaded: a few remedies are weeks late, none by years. The
Department of Justice is inspected again, so its unit page shows inspections over the years.

The categories of findings and the inspections (team, findings, remedies) are data,
`demo_data/inspections.json`; Python keeps the schedule, the agencies and the plans.
Each inspection lives under the plan of its year (created as needed); news.demo dates the
articles that report on an inspection from the same schedule, and this module links them.
Running `load` again updates the same pages (moving an inspection to another year's plan if
the calendar has moved on); remedies and plan lines are replaced, not doubled.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.utils import timezone

from administrative_units.models import AdministrativeUnit, DivisionType
from agencies.models import Agency, AgencyKind
from home.demo import publish, upsert_child
from inspections.models import (
    Finding,
    FindingCategory,
    FindingKind,
    InspectionIndexPage,
    InspectionPage,
    InspectionPlanPage,
    InspectionTeamMember,
    PlannedInspection,
    Remedy,
    RemedyStatus,
    RemedyStatusChange,
)

S, W = FindingKind.STRENGTH, FindingKind.SHORTCOMING
FINDING_KINDS = {"strength": S, "shortcoming": W}
DEMO_FILE = Path(__file__).resolve().parent / "demo_data" / "inspections.json"
OPEN, IN_PROGRESS, DONE = RemedyStatus.OPEN, RemedyStatus.IN_PROGRESS, RemedyStatus.DONE
D = datetime.timedelta

HISTORICAL_DISTRICTS = [
    # (code, name as a unit; the committee is "Ủy ban nhân dân huyện ...")
    ("82-H-LAIVUNG", "Huyện Lai Vung"),
    ("82-H-LAPVO", "Huyện Lấp Vò"),
]
DISTRICTS_DISSOLVED_ON = datetime.date(2025, 7, 1)

# Slugs used by earlier versions of this demo, removed so a reload leaves no stale copy.
RETIRED_SLUGS = [
    "kiem-tra-xa-thang-8-2025",
    "kiem-tra-xa-thang-10-2025",
    "kiem-tra-so-xay-dung-2025",
]


def schedule(today: datetime.date | None = None) -> dict[str, tuple[datetime.date, datetime.date]]:
    """(first day, last day) of each demo inspection, by slug; the recent ones follow `today`."""
    today = today or timezone.localdate()
    recent = {
        # slug: (days before today, length in days)
        "kiem-tra-lai-so-tu-phap": (200, 1),
        "kiem-tra-mot-cua-xa": (150, 1),
        "kiem-tra-ho-so-xa": (95, 1),
        "kiem-tra-so-xay-dung": (45, 2),
    }
    dates = {
        "kiem-tra-huyen-lai-vung-lap-vo": (datetime.date(2025, 3, 12), datetime.date(2025, 3, 13)),
        "kiem-tra-so-tu-phap-2025": (datetime.date(2025, 5, 20), datetime.date(2025, 5, 20)),
    }
    for slug, (ago, length) in recent.items():
        start = today - D(days=ago)
        dates[slug] = (start, start + D(days=length - 1))
    return dates


def committee_name(unit_name: str) -> str:
    """ "Huyện Lai Vung" -> "Ủy ban nhân dân huyện Lai Vung": only the unit word is lowered."""
    return f"Ủy ban nhân dân {unit_name[:1].lower()}{unit_name[1:]}"


def _province():
    return AdministrativeUnit.objects.filter(
        division_type__in=[DivisionType.PROVINCE, DivisionType.CENTRAL_CITY], parent=None
    ).first()


def _agency(name: str, short_name: str = "", **defaults) -> Agency:
    agency = Agency.objects.filter(name=name).first()
    if agency is None:
        agency = Agency.objects.create(
            name=name, short_name=short_name, kind=defaults.pop("kind", AgencyKind.DEPARTMENT)
        )
    for field, value in defaults.items():
        setattr(agency, field, value)
    agency.save()
    return agency


def _historical_districts(province):
    """The former districts and their People's Committees, marked historical."""
    agencies = []
    for code, name in HISTORICAL_DISTRICTS:
        unit, _ = AdministrativeUnit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "division_type": DivisionType.DISTRICT,
                "parent": province,
                "is_historical": True,
                "dissolved_on": DISTRICTS_DISSOLVED_ON,
            },
        )
        full_name = committee_name(name)
        # Found by unit, so that a committee saved under an older spelling is renamed, not doubled.
        committee = Agency.objects.filter(
            administrative_unit=unit, kind=AgencyKind.PEOPLES_COMMITTEE
        ).first() or Agency(kind=AgencyKind.PEOPLES_COMMITTEE, administrative_unit=unit)
        committee.name = full_name
        committee.short_name = f"UBND {name[:1].lower()}{name[1:]}"
        committee.is_historical = True
        committee.save()
        agencies.append((unit, committee))
    return agencies


def _communes(province, count: int = 3):
    """People's Committees of current communes from agencies.demo (created if missing)."""
    agencies = list(
        Agency.objects.filter(
            kind=AgencyKind.PEOPLES_COMMITTEE,
            is_historical=False,
            administrative_unit__parent=province,
        ).order_by("name")[:count]
    )
    if len(agencies) < count:
        units = list(
            AdministrativeUnit.objects.filter(parent=province, is_historical=False)
            .exclude(agencies__in=agencies)
            .order_by("code")[: count - len(agencies)]
        )
        for unit in units:
            agencies.append(
                _agency(
                    f"Ủy ban nhân dân {unit.name}",
                    f"UBND {unit.name}",
                    kind=AgencyKind.PEOPLES_COMMITTEE,
                    administrative_unit=unit,
                )
            )
    return agencies


def _specs(categories, today, units):
    """The six inspections of demo_data/inspections.json with their references resolved:
    agencies and areas by key (`units`; "<key>_unit" is an agency's administrative unit),
    finding categories by slug, dates as ISO or "today+N"/"today-N", and in titles
    {year} (the year the inspection starts) and {<key>} (that agency's name)."""
    when = schedule(today)
    names = {key: agency.name for key, agency in units.items() if hasattr(agency, "kind")}

    def unit(key):
        if key in units:
            return units[key]
        return units[key.removesuffix("_unit")].administrative_unit

    def category(slug):
        return categories[slug] if slug else None

    specs = []
    for item in _demo_data()["inspections"]:
        start = when[item["slug"]][0]
        lead = item["lead"]
        specs.append(
            {
                "slug": item["slug"],
                "title": item["title"].format(year=start.year, **names),
                "lead": (lead["name"], lead["title"], units[lead["agency"]]),
                "agencies": [units[key] for key in item["agencies"]],
                "areas": [unit(key) for key in item["areas"]],
                "members": [(m["name"], m["title"], units[m["agency"]]) for m in item["members"]],
                "findings": [
                    (FINDING_KINDS[f["kind"]], category(f["category"]), f["text"])
                    for f in item["findings"]
                ],
                "remedies": [
                    (
                        r["description"],
                        category(r["category"]),
                        units[r["agency"]],
                        _date(r["deadline"], today),
                        RemedyStatus(r["status"]),
                        _date(r["completed_on"], today),
                        r["evidence"],
                    )
                    for r in item["remedies"]
                ],
            }
        )
    return specs


def _demo_data() -> dict:
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


def _date(value: str | None, today: datetime.date) -> datetime.date | None:
    if not value:
        return None
    if value.startswith("today"):
        return today + D(days=int(value[len("today") :]))
    return datetime.date.fromisoformat(value)


def _plan(index, year: int):
    """The plan page of `year` (created as needed)."""
    decision = "125/QĐ-UBND" if year == 2025 else f"{100 + year % 100}/QĐ-UBND"
    return upsert_child(
        index,
        InspectionPlanPage,
        f"ke-hoach-kiem-tra-{year}",
        title=f"Kế hoạch kiểm tra cải cách hành chính năm {year}",
        year=year,
        decision_number=decision,
        decision_date=datetime.date(year, 1, 15),
        intro="<p>Kiểm tra việc thực hiện nhiệm vụ cải cách hành chính, trọng tâm là giải "
        "quyết thủ tục hành chính theo cơ chế một cửa, dịch vụ công trực tuyến và kỷ luật, kỷ "
        "cương hành chính; kịp thời chấn chỉnh hạn chế và theo dõi việc khắc phục.</p>",
    )


def _place(index, plan, slug: str) -> None:
    """Move an inspection created under another year's plan by an earlier load."""
    existing = InspectionPage.objects.descendant_of(index).filter(slug=slug).first()
    if existing is not None and existing.get_parent().pk != plan.pk:
        existing.move(plan, pos="last-child")


def load(home, out) -> None:
    index = InspectionIndexPage.objects.child_of(home).first()
    if index is None:
        out.write("Kiểm tra CCHC: không có trang /kiem-tra/, bỏ qua.")
        return
    today = timezone.localdate()
    categories = {}
    for order, item in enumerate(_demo_data()["finding_categories"]):
        categories[item["slug"]], _ = FindingCategory.objects.update_or_create(
            slug=item["slug"], defaults={"name": item["name"], "sort_order": order}
        )
    province = _province()
    (lai_vung_unit, lai_vung), (lap_vo_unit, lap_vo) = _historical_districts(province)
    commune_a, commune_b, commune_c = _communes(province)
    units = {
        "lai_vung": lai_vung,
        "lap_vo": lap_vo,
        "lai_vung_unit": lai_vung_unit,
        "lap_vo_unit": lap_vo_unit,
        "home_affairs": _agency("Sở Nội vụ tỉnh Đồng Tháp", "Sở Nội vụ"),
        "justice": _agency("Sở Tư pháp tỉnh Đồng Tháp", "Sở Tư pháp"),
        "construction": _agency("Sở Xây dựng tỉnh Đồng Tháp", "Sở Xây dựng"),
        "office": _agency("Văn phòng Ủy ban nhân dân tỉnh Đồng Tháp", "VP UBND tỉnh"),
        "commune_a": commune_a,
        "commune_b": commune_b,
    }
    health = _agency("Sở Y tế tỉnh Đồng Tháp", "Sở Y tế")

    InspectionPage.objects.descendant_of(index).filter(slug__in=RETIRED_SLUGS).delete()
    when = schedule(today)
    plans = {}
    plan_lines: dict[int, list[PlannedInspection]] = {}
    pages = {}
    for spec in _specs(categories, today, units):
        start, end = when[spec["slug"]]
        year = start.year
        if year not in plans:
            plans[year] = _plan(index, year)
            plan_lines[year] = []
        plan = plans[year]
        _place(index, plan, spec["slug"])
        lead_name, lead_title, lead_agency = spec["lead"]
        page = upsert_child(
            plan,
            InspectionPage,
            spec["slug"],
            title=spec["title"],
            start_date=start,
            end_date=end if end != start else None,
            lead_name=lead_name,
            lead_title=lead_title,
            lead_agency=lead_agency,
            scope="<p>Công tác chỉ đạo, điều hành cải cách hành chính; giải quyết thủ tục hành "
            "chính theo cơ chế một cửa; dịch vụ công trực tuyến; kỷ luật, kỷ cương.</p>",
            conclusion="<p>Đoàn kiểm tra đề nghị đơn vị khắc phục các hạn chế đúng thời hạn "
            "và báo cáo kết quả về Sở Nội vụ.</p>",
        )
        page.inspected_agencies.set(spec["agencies"])
        page.inspected_areas.set([a for a in spec["areas"] if a])
        page.team_members.set(
            [InspectionTeamMember(name=n, title=t, agency=a) for n, t, a in spec["members"]]
        )
        page.findings.set(
            [Finding(kind=kind, category=cat, text=text) for kind, cat, text in spec["findings"]]
        )
        page.remedies.set(
            [
                Remedy(
                    description=description,
                    category=category,
                    responsible_agency=agency,
                    deadline=deadline,
                    status=status,
                    completed_on=completed_on,
                    evidence=evidence,
                )
                for description, category, agency, deadline, status, completed_on, evidence in (
                    spec["remedies"]
                )
            ]
        )
        publish(page)
        _backdate_history(page, today)
        pages[spec["slug"]] = page
        areas = [a for a in spec["areas"] if a] or [None] * len(spec["agencies"])
        for agency, area in zip(spec["agencies"], areas, strict=False):
            plan_lines[year].append(
                PlannedInspection(
                    planned_month=start.month,
                    agency=agency,
                    area=area if area and area.is_historical else None,
                    subject=_subject(spec),
                    inspection=page,
                )
            )

    # The current year's plan also lists inspections still to come.
    if today.year not in plans:
        plans[today.year] = _plan(index, today.year)
        plan_lines[today.year] = []
    later = min(12, today.month + 1)
    plan_lines[today.year] += [
        PlannedInspection(planned_month=later, agency=health, subject="Kỷ luật, kỷ cương"),
        PlannedInspection(planned_month=later, agency=commune_c, subject="Dịch vụ công"),
    ]
    for year, plan in plans.items():
        plan.planned_inspections.set(sorted(plan_lines[year], key=lambda line: line.planned_month))
        publish(plan)

    linked = _link_news(pages)
    remedies = Remedy.objects.filter(page__in=list(pages.values()))
    out.write(
        f"Kiểm tra CCHC: {len(plans)} kế hoạch, {len(pages)} cuộc kiểm tra, "
        f"{remedies.count()} yêu cầu khắc phục ({remedies.overdue().count()} quá hạn), "
        f"{linked} tin bài liên kết."
    )


def _subject(spec) -> str:
    """The plan line's focus: the first shortcoming's category."""
    for kind, category, _text in spec["findings"]:
        if kind == W and category is not None:
            return category.name
    return "Cải cách hành chính"


def _backdate_history(page: InspectionPage, today: datetime.date) -> None:
    """Give the demo remedies a plausible history instead of "all changed today"."""
    for remedy in Remedy.objects.filter(page=page):
        RemedyStatusChange.objects.filter(remedy=remedy).delete()
        steps = [(page.start_date, OPEN, "Đoàn kiểm tra yêu cầu khắc phục.")]
        if remedy.status in (IN_PROGRESS, DONE):
            until = remedy.completed_on or today
            started = page.start_date + D(days=min(14, (until - page.start_date).days // 2))
            steps.append((started, IN_PROGRESS, "Đơn vị báo cáo đã triển khai."))
        if remedy.status == DONE:
            steps.append((remedy.completed_on, DONE, remedy.evidence[:300]))
        previous = ""
        for changed_on, status, note in steps:
            RemedyStatusChange.objects.create(
                remedy=remedy,
                changed_on=changed_on,
                old_status=previous,
                new_status=status,
                note=note,
            )
            previous = status


# News article (news.demo) -> the inspection it reports on.
NEWS_ABOUT_INSPECTIONS = {
    "kiem-tra-cchc-huyen-lai-vung-lap-vo": "kiem-tra-huyen-lai-vung-lap-vo",
    "kiem-tra-so-tu-phap": "kiem-tra-lai-so-tu-phap",
    "kiem-tra-mot-cua-cap-xa": "kiem-tra-mot-cua-xa",
    "kiem-tra-ho-so-tre-han-cap-xa": "kiem-tra-ho-so-xa",
    "kiem-tra-so-xay-dung": "kiem-tra-so-xay-dung",
}


def _link_news(pages: dict[str, InspectionPage]) -> int:
    """Point the news articles about an inspection at it (news.demo ran before us)."""
    from news.models import NewsPage

    linked = 0
    for news_slug, inspection_slug in NEWS_ABOUT_INSPECTIONS.items():
        article = NewsPage.objects.filter(slug=news_slug).first()
        inspection = pages.get(inspection_slug)
        if article is None or inspection is None:
            continue
        if article.inspection_id != inspection.pk:
            article.inspection = inspection
            publish(article)
        linked += 1
    return linked
