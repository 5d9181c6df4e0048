"""Demo content of the inspections section: yearly plans, six inspections, their remedies.

Two inspections are history and keep their dates: the former districts Lai Vung and Lấp Vò
(dissolved on 1 July 2025, marked historical) in March 2025 and the Department of Justice in
May 2025, all of whose remedies were closed that year. The four others are placed relative to
the day the demo is loaded (`schedule(today)`), over the last seven months, so that "overdue"
stays realistic whenever the demo is loaded: a few remedies are weeks late, none by years. The
Department of Justice is inspected again, so its unit page shows inspections over the years.

Each inspection lives under the plan of its year (created as needed); news.demo dates the
articles that report on an inspection from the same schedule, and this module links them.
Running `load` again updates the same pages (moving an inspection to another year's plan if
the calendar has moved on); remedies and plan lines are replaced, not doubled.
"""

from __future__ import annotations

import datetime

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
OPEN, IN_PROGRESS, DONE = RemedyStatus.OPEN, RemedyStatus.IN_PROGRESS, RemedyStatus.DONE
D = datetime.timedelta

FINDING_CATEGORIES = [
    ("ho-so-tre-han", "Hồ sơ trễ hạn"),
    ("thieu-phieu-hen", "Thiếu phiếu hẹn trả kết quả"),
    ("khong-co-thu-xin-loi", "Không có thư xin lỗi khi trễ hạn"),
    ("dich-vu-cong-truc-tuyen", "Tỷ lệ dịch vụ công trực tuyến"),
    ("co-so-vat-chat-mot-cua", "Cơ sở vật chất bộ phận một cửa"),
    ("ky-luat-ky-cuong", "Kỷ luật, kỷ cương hành chính"),
    ("cong-khai-thu-tuc", "Công khai thủ tục hành chính"),
    ("mo-hinh-sang-kien", "Mô hình, sáng kiến cải cách"),
]

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


def _specs(c, today, units):
    """The six inspections; the recent ones' deadlines follow `today` (see `schedule`)."""
    when = schedule(today)
    u = units
    lai_vung, lap_vo = u["lai_vung"], u["lap_vo"]
    justice, construction = u["justice"], u["construction"]
    commune_a, commune_b = u["commune_a"], u["commune_b"]
    home_affairs, office = u["home_affairs"], u["office"]
    retry = when["kiem-tra-lai-so-tu-phap"][0]
    one_stop = when["kiem-tra-mot-cua-xa"][0]
    dossiers = when["kiem-tra-ho-so-xa"][0]

    def days(start, n):
        return start + D(days=n)

    return [
        {
            "slug": "kiem-tra-huyen-lai-vung-lap-vo",
            "title": "Kiểm tra cải cách hành chính tại huyện Lai Vung và huyện Lấp Vò",
            "lead": ("Lê Minh Trung", "Phó Giám đốc", home_affairs),
            "agencies": [lai_vung, lap_vo],
            "areas": [u["lai_vung_unit"], u["lap_vo_unit"]],
            "members": [
                ("Nguyễn Thị Thu Hà", "Trưởng phòng Cải cách hành chính", home_affairs),
                ("Trần Văn Phúc", "Phó Chánh Văn phòng", office),
                ("Võ Thanh Tâm", "Chuyên viên", justice),
            ],
            "findings": [
                (
                    S,
                    c["mo-hinh-sang-kien"],
                    "Huyện Lai Vung duy trì mô hình sinh viên đồng "
                    "hành hướng dẫn người dân nộp hồ sơ trực tuyến.",
                ),
                (
                    S,
                    c["mo-hinh-sang-kien"],
                    "Huyện Lấp Vò tiếp nhận và trả kết quả thủ tục "
                    "qua Zalo; hơn 2.000 hồ sơ được nhận qua bưu điện công ích.",
                ),
                (
                    W,
                    c["ho-so-tre-han"],
                    "Còn hồ sơ trễ hạn, hồ sơ treo trên phần mềm một cửa điện tử.",
                ),
                (
                    W,
                    c["thieu-phieu-hen"],
                    "Một số hồ sơ tiếp nhận không có phiếu hẹn trả kết "
                    "quả và chưa nhập vào phần mềm.",
                ),
                (W, c["khong-co-thu-xin-loi"], "Hồ sơ trễ hạn chưa có thư xin lỗi người dân."),
                (
                    W,
                    c["dich-vu-cong-truc-tuyen"],
                    "Hồ sơ trực tuyến rất ít: Lấp Vò 7 hồ sơ, Lai Vung 97 hồ sơ từ đầu năm.",
                ),
            ],
            "remedies": [
                (
                    "Gửi thư xin lỗi cho toàn bộ hồ sơ trễ hạn và báo cáo danh sách.",
                    c["khong-co-thu-xin-loi"],
                    lai_vung,
                    datetime.date(2025, 4, 30),
                    DONE,
                    datetime.date(2025, 4, 22),
                    "Đã gửi 46 thư xin lỗi; báo cáo số 88/BC-UBND.",
                ),
                (
                    "Cấp phiếu hẹn cho mọi hồ sơ và nhập đầy đủ vào phần mềm một cửa.",
                    c["thieu-phieu-hen"],
                    lap_vo,
                    datetime.date(2025, 4, 30),
                    DONE,
                    datetime.date(2025, 5, 20),
                    "Hoàn thành sau thời hạn 20 ngày.",
                ),
                (
                    "Xử lý dứt điểm hồ sơ treo trên phần mềm một cửa điện tử.",
                    c["ho-so-tre-han"],
                    lap_vo,
                    datetime.date(2025, 6, 15),
                    DONE,
                    datetime.date(2025, 6, 27),
                    "Đã xử lý 31 hồ sơ treo trước khi bàn giao về cấp xã; báo cáo số 102/BC-UBND.",
                ),
                (
                    "Tuyên truyền, hướng dẫn người dân nộp hồ sơ trực tuyến; đặt chỉ tiêu theo "
                    "từng xã.",
                    c["dich-vu-cong-truc-tuyen"],
                    lai_vung,
                    datetime.date(2025, 6, 30),
                    DONE,
                    datetime.date(2025, 6, 25),
                    "Mỗi xã có tổ hướng dẫn nộp hồ sơ trực tuyến; 412 hồ sơ trực tuyến trong "
                    "quý II.",
                ),
            ],
        },
        {
            "slug": "kiem-tra-so-tu-phap-2025",
            "title": "Kiểm tra cải cách hành chính tại Sở Tư pháp năm 2025",
            "lead": ("Nguyễn Thị Thu Hà", "Trưởng phòng Cải cách hành chính", home_affairs),
            "agencies": [justice],
            "areas": [],
            "members": [("Phạm Quốc Huy", "Chuyên viên", home_affairs)],
            "findings": [
                (S, c["mo-hinh-sang-kien"], "Số hóa hồ sơ lý lịch tư pháp, trả kết quả điện tử."),
                (W, c["co-so-vat-chat-mot-cua"], "Khu vực chờ thiếu ghế và máy tra cứu."),
                (
                    W,
                    c["ho-so-tre-han"],
                    "Một số hồ sơ lý lịch tư pháp trả trễ một đến hai ngày do chờ xác minh.",
                ),
            ],
            "remedies": [
                (
                    "Bổ sung ghế chờ và máy tra cứu tại khu vực tiếp dân.",
                    c["co-so-vat-chat-mot-cua"],
                    justice,
                    datetime.date(2025, 7, 31),
                    DONE,
                    datetime.date(2025, 7, 10),
                    "Đã lắp 1 máy tra cứu và 20 ghế chờ.",
                ),
                (
                    "Phối hợp với Công an tỉnh rút ngắn thời gian xác minh lý lịch tư pháp.",
                    c["ho-so-tre-han"],
                    justice,
                    datetime.date(2025, 9, 30),
                    DONE,
                    datetime.date(2025, 10, 14),
                    "Quy chế phối hợp số 09/QC-STP-CA; thời gian xác minh còn 5 ngày.",
                ),
            ],
        },
        {
            "slug": "kiem-tra-lai-so-tu-phap",
            "title": f"Kiểm tra cải cách hành chính tại Sở Tư pháp năm {retry.year}",
            "lead": ("Nguyễn Thị Thu Hà", "Trưởng phòng Cải cách hành chính", home_affairs),
            "agencies": [justice],
            "areas": [],
            "members": [("Phạm Quốc Huy", "Chuyên viên", home_affairs)],
            "findings": [
                (
                    S,
                    c["cong-khai-thu-tuc"],
                    "Niêm yết và công khai đầy đủ thủ tục hành chính "
                    "tại bộ phận một cửa và trên cổng thông tin.",
                ),
                (
                    S,
                    c["mo-hinh-sang-kien"],
                    "Các hạn chế của lần kiểm tra trước đã được khắc phục xong.",
                ),
                (
                    W,
                    c["cong-khai-thu-tuc"],
                    "Tham mưu công bố thủ tục sửa đổi còn chậm so với "
                    "ngày văn bản trung ương có hiệu lực.",
                ),
                (
                    W,
                    c["dich-vu-cong-truc-tuyen"],
                    "Hồ sơ chứng thực bản sao điện tử nộp trực tuyến còn ít.",
                ),
            ],
            "remedies": [
                (
                    "Rút ngắn thời gian tham mưu công bố thủ tục sửa đổi xuống 10 ngày làm việc.",
                    c["cong-khai-thu-tuc"],
                    justice,
                    today - D(days=35),
                    IN_PROGRESS,
                    None,
                    "",
                ),
                (
                    "Hướng dẫn các xã, phường thực hiện chứng thực bản sao điện tử.",
                    c["dich-vu-cong-truc-tuyen"],
                    justice,
                    days(retry, 60),
                    DONE,
                    days(retry, 52),
                    "Công văn hướng dẫn số 512/STP-HCTP gửi các xã, phường.",
                ),
            ],
        },
        {
            "slug": "kiem-tra-mot-cua-xa",
            "title": f"Kiểm tra bộ phận một cửa tại {commune_a.name}",
            "lead": ("Lê Minh Trung", "Phó Giám đốc", home_affairs),
            "agencies": [commune_a],
            "areas": [commune_a.administrative_unit],
            "members": [("Trần Văn Phúc", "Phó Chánh Văn phòng", office)],
            "findings": [
                (
                    S,
                    c["dich-vu-cong-truc-tuyen"],
                    "Bố trí công chức hướng dẫn nộp hồ sơ trực tuyến ngay tại bộ phận một cửa.",
                ),
                (
                    W,
                    c["co-so-vat-chat-mot-cua"],
                    "Điểm tiếp nhận chật, thiếu khu vực viết hồ sơ và nhà vệ sinh cho người dân.",
                ),
                (
                    W,
                    c["ky-luat-ky-cuong"],
                    "Một số công chức không đeo thẻ, đến muộn so với giờ làm việc niêm yết.",
                ),
            ],
            "remedies": [
                (
                    "Bố trí lại bộ phận một cửa, bổ sung khu vực viết hồ sơ.",
                    c["co-so-vat-chat-mot-cua"],
                    commune_a,
                    today - D(days=21),
                    IN_PROGRESS,
                    None,
                    "",
                ),
                (
                    "Chấn chỉnh việc chấp hành giờ làm việc, đeo thẻ công chức.",
                    c["ky-luat-ky-cuong"],
                    commune_a,
                    days(one_stop, 30),
                    DONE,
                    days(one_stop, 22),
                    "Thông báo số 15/TB-UBND và biên bản kiểm tra đột xuất.",
                ),
                (
                    "Báo cáo kết quả khắc phục cơ sở vật chất cho Sở Nội vụ.",
                    c["co-so-vat-chat-mot-cua"],
                    commune_a,
                    today + D(days=25),
                    OPEN,
                    None,
                    "",
                ),
            ],
        },
        {
            "slug": "kiem-tra-ho-so-xa",
            "title": f"Kiểm tra giải quyết thủ tục hành chính tại {commune_b.name}",
            "lead": ("Nguyễn Thị Thu Hà", "Trưởng phòng Cải cách hành chính", home_affairs),
            "agencies": [commune_b],
            "areas": [commune_b.administrative_unit],
            "members": [("Võ Thanh Tâm", "Chuyên viên", justice)],
            "findings": [
                (W, c["ho-so-tre-han"], "Nhiều hồ sơ đất đai quá hạn chưa được giải quyết."),
                (
                    W,
                    c["khong-co-thu-xin-loi"],
                    "Hồ sơ quá hạn không có văn bản xin lỗi và hẹn lại.",
                ),
                (
                    S,
                    c["cong-khai-thu-tuc"],
                    "Công khai số điện thoại đường dây nóng tại bộ phận một cửa.",
                ),
            ],
            "remedies": [
                (
                    "Rà soát toàn bộ hồ sơ tồn đọng, giải quyết dứt điểm hồ sơ quá hạn.",
                    c["ho-so-tre-han"],
                    commune_b,
                    days(dossiers, 45),
                    DONE,
                    days(dossiers, 58),
                    "Đã giải quyết 64 hồ sơ tồn đọng; hoàn thành sau thời hạn 13 ngày.",
                ),
                (
                    "Gửi văn bản xin lỗi, hẹn lại thời gian trả kết quả cho người dân.",
                    c["khong-co-thu-xin-loi"],
                    commune_b,
                    days(dossiers, 15),
                    DONE,
                    days(dossiers, 12),
                    "Đã gửi 64 văn bản xin lỗi kèm phiếu hẹn mới.",
                ),
                (
                    "Công khai hằng tháng kết quả giải quyết hồ sơ đất đai tại bộ phận một cửa.",
                    c["cong-khai-thu-tuc"],
                    commune_b,
                    today - D(days=9),
                    OPEN,
                    None,
                    "",
                ),
            ],
        },
        {
            "slug": "kiem-tra-so-xay-dung",
            "title": "Kiểm tra cải cách hành chính tại Sở Xây dựng",
            "lead": ("Lê Minh Trung", "Phó Giám đốc", home_affairs),
            "agencies": [construction],
            "areas": [],
            "members": [("Phạm Quốc Huy", "Chuyên viên", home_affairs)],
            "findings": [
                (S, c["cong-khai-thu-tuc"], "Tiếp nhận 100% hồ sơ cấp phép qua cổng dịch vụ công."),
                (W, c["ho-so-tre-han"], "Quy trình nội bộ nhiều bước trình ký, hồ sơ dễ trễ hạn."),
            ],
            "remedies": [
                (
                    "Rà soát, rút gọn quy trình nội bộ của thủ tục cấp giấy phép xây dựng.",
                    c["ho-so-tre-han"],
                    construction,
                    today + D(days=75),
                    OPEN,
                    None,
                    "",
                ),
                (
                    "Ủy quyền ký cho cấp phó khi lãnh đạo sở đi công tác.",
                    c["ky-luat-ky-cuong"],
                    construction,
                    today + D(days=15),
                    IN_PROGRESS,
                    None,
                    "",
                ),
            ],
        },
    ]


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
    for order, (slug, name) in enumerate(FINDING_CATEGORIES):
        categories[slug], _ = FindingCategory.objects.update_or_create(
            slug=slug, defaults={"name": name, "sort_order": order}
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
