"""Demo content of the inspections section: the 2025 plan, six inspections, their remedies.

The inspections are of different units: two former districts (huyện Lai Vung and huyện Lấp
Vò, dissolved on 1 July 2025 and marked historical), provincial departments and communes.
Their remedies cover every status, including overdue ones; remedies that must still be
running are given deadlines relative to today so the demo keeps every status over time.
Some news articles (from news.demo, which runs first) are linked to the inspections they
report on. Running `load` again updates the same pages; remedies are replaced, not doubled.
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
    # (code, name)
    ("82-H-LAIVUNG", "Huyện Lai Vung"),
    ("82-H-LAPVO", "Huyện Lấp Vò"),
]


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
                "dissolved_on": datetime.date(2025, 7, 1),
            },
        )
        agencies.append(
            (
                unit,
                _agency(
                    f"Ủy ban nhân dân {name.lower()}",
                    f"UBND {name.lower()}",
                    kind=AgencyKind.PEOPLES_COMMITTEE,
                    administrative_unit=unit,
                    is_historical=True,
                ),
            )
        )
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
        units = AdministrativeUnit.objects.filter(parent=province, is_historical=False)
        for unit in units.order_by("code")[: count - len(agencies)]:
            agencies.append(
                _agency(
                    f"Ủy ban nhân dân {unit.name}",
                    f"UBND {unit.name}",
                    kind=AgencyKind.PEOPLES_COMMITTEE,
                    administrative_unit=unit,
                )
            )
    return agencies


def _later(days: int) -> datetime.date:
    """A deadline still ahead, whatever day the demo is loaded."""
    return timezone.localdate() + datetime.timedelta(days=days)


def load(home, out) -> None:
    index = InspectionIndexPage.objects.child_of(home).first()
    if index is None:
        out.write("Kiểm tra CCHC: không có trang /kiem-tra/, bỏ qua.")
        return
    categories = {}
    for order, (slug, name) in enumerate(FINDING_CATEGORIES):
        categories[slug], _ = FindingCategory.objects.update_or_create(
            slug=slug, defaults={"name": name, "sort_order": order}
        )
    c = categories
    province = _province()
    (lai_vung_unit, lai_vung), (lap_vo_unit, lap_vo) = _historical_districts(province)
    home_affairs = _agency("Sở Nội vụ tỉnh Đồng Tháp", "Sở Nội vụ")
    justice = _agency("Sở Tư pháp tỉnh Đồng Tháp", "Sở Tư pháp")
    construction = _agency("Sở Xây dựng tỉnh Đồng Tháp", "Sở Xây dựng")
    health = _agency("Sở Y tế tỉnh Đồng Tháp", "Sở Y tế")
    office = _agency("Văn phòng Ủy ban nhân dân tỉnh Đồng Tháp", "VP UBND tỉnh")
    commune_a, commune_b, commune_c = _communes(province)

    plan = upsert_child(
        index,
        InspectionPlanPage,
        "ke-hoach-kiem-tra-2025",
        title="Kế hoạch kiểm tra cải cách hành chính năm 2025",
        year=2025,
        decision_number="125/QĐ-UBND",
        decision_date=datetime.date(2025, 1, 15),
        intro="<p>Kiểm tra việc thực hiện nhiệm vụ cải cách hành chính, trọng tâm là giải "
        "quyết thủ tục hành chính theo cơ chế một cửa, dịch vụ công trực tuyến và kỷ luật, kỷ "
        "cương hành chính; kịp thời chấn chỉnh hạn chế và theo dõi việc khắc phục.</p>",
    )

    inspections = [
        {
            "slug": "kiem-tra-huyen-lai-vung-lap-vo",
            "title": "Kiểm tra cải cách hành chính tại huyện Lai Vung và huyện Lấp Vò",
            "start_date": datetime.date(2025, 3, 12),
            "end_date": datetime.date(2025, 3, 13),
            "lead": ("Lê Minh Trung", "Phó Giám đốc", home_affairs),
            "agencies": [lai_vung, lap_vo],
            "areas": [lai_vung_unit, lap_vo_unit],
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
                    IN_PROGRESS,
                    None,
                    "",
                ),
                (
                    "Tuyên truyền, hướng dẫn người dân nộp hồ sơ trực tuyến; đặt chỉ tiêu theo "
                    "từng xã.",
                    c["dich-vu-cong-truc-tuyen"],
                    lai_vung,
                    datetime.date(2025, 6, 30),
                    OPEN,
                    None,
                    "",
                ),
            ],
        },
        {
            "slug": "kiem-tra-so-tu-phap-2025",
            "title": "Kiểm tra cải cách hành chính tại Sở Tư pháp",
            "start_date": datetime.date(2025, 5, 20),
            "end_date": None,
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
                (S, c["mo-hinh-sang-kien"], "Số hóa hồ sơ lý lịch tư pháp, trả kết quả điện tử."),
                (
                    W,
                    c["cong-khai-thu-tuc"],
                    "Tham mưu công bố thủ tục sửa đổi còn chậm so với "
                    "ngày văn bản trung ương có hiệu lực.",
                ),
                (W, c["co-so-vat-chat-mot-cua"], "Khu vực chờ thiếu ghế và máy tra cứu."),
            ],
            "remedies": [
                (
                    "Rút ngắn thời gian tham mưu công bố thủ tục sửa đổi xuống 10 ngày làm việc.",
                    c["cong-khai-thu-tuc"],
                    justice,
                    _later(75),
                    OPEN,
                    None,
                    "",
                ),
                (
                    "Bổ sung ghế chờ và máy tra cứu tại khu vực tiếp dân.",
                    c["co-so-vat-chat-mot-cua"],
                    justice,
                    datetime.date(2025, 7, 31),
                    DONE,
                    datetime.date(2025, 7, 10),
                    "Đã lắp 1 máy tra cứu và 20 ghế chờ.",
                ),
            ],
        },
        {
            "slug": "kiem-tra-xa-thang-8-2025",
            "title": f"Kiểm tra bộ phận một cửa tại {commune_a.name}",
            "start_date": datetime.date(2025, 8, 14),
            "end_date": None,
            "lead": ("Lê Minh Trung", "Phó Giám đốc", home_affairs),
            "agencies": [commune_a],
            "areas": [commune_a.administrative_unit] if commune_a.administrative_unit else [],
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
                    datetime.date(2025, 10, 31),
                    IN_PROGRESS,
                    None,
                    "",
                ),
                (
                    "Chấn chỉnh việc chấp hành giờ làm việc, đeo thẻ công chức.",
                    c["ky-luat-ky-cuong"],
                    commune_a,
                    datetime.date(2025, 9, 15),
                    DONE,
                    datetime.date(2025, 9, 5),
                    "Thông báo số 15/TB-UBND và biên bản kiểm tra đột xuất.",
                ),
                (
                    "Báo cáo kết quả khắc phục cơ sở vật chất cho Sở Nội vụ.",
                    c["co-so-vat-chat-mot-cua"],
                    commune_a,
                    _later(40),
                    OPEN,
                    None,
                    "",
                ),
            ],
        },
        {
            "slug": "kiem-tra-xa-thang-10-2025",
            "title": f"Kiểm tra giải quyết thủ tục hành chính tại {commune_b.name}",
            "start_date": datetime.date(2025, 10, 8),
            "end_date": None,
            "lead": ("Nguyễn Thị Thu Hà", "Trưởng phòng Cải cách hành chính", home_affairs),
            "agencies": [commune_b],
            "areas": [commune_b.administrative_unit] if commune_b.administrative_unit else [],
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
                    _later(30),
                    IN_PROGRESS,
                    None,
                    "",
                ),
                (
                    "Gửi văn bản xin lỗi, hẹn lại thời gian trả kết quả cho người dân.",
                    c["khong-co-thu-xin-loi"],
                    commune_b,
                    datetime.date(2025, 11, 22),
                    OPEN,
                    None,
                    "",
                ),
            ],
        },
        {
            "slug": "kiem-tra-so-xay-dung-2025",
            "title": "Kiểm tra cải cách hành chính tại Sở Xây dựng",
            "start_date": datetime.date(2025, 11, 18),
            "end_date": datetime.date(2025, 11, 19),
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
                    _later(120),
                    OPEN,
                    None,
                    "",
                ),
                (
                    "Ủy quyền ký cho cấp phó khi lãnh đạo sở đi công tác.",
                    c["ky-luat-ky-cuong"],
                    construction,
                    _later(20),
                    IN_PROGRESS,
                    None,
                    "",
                ),
            ],
        },
    ]

    pages = {}
    for spec in inspections:
        lead_name, lead_title, lead_agency = spec["lead"]
        page = upsert_child(
            plan,
            InspectionPage,
            spec["slug"],
            title=spec["title"],
            start_date=spec["start_date"],
            end_date=spec["end_date"],
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
        _backdate_history(page)
        pages[spec["slug"]] = page

    plan.planned_inspections.set(
        [
            PlannedInspection(
                planned_month=3,
                agency=lai_vung,
                area=lai_vung_unit,
                subject="Một cửa, dịch vụ công trực tuyến",
                inspection=pages["kiem-tra-huyen-lai-vung-lap-vo"],
            ),
            PlannedInspection(
                planned_month=3,
                agency=lap_vo,
                area=lap_vo_unit,
                subject="Một cửa, dịch vụ công trực tuyến",
                inspection=pages["kiem-tra-huyen-lai-vung-lap-vo"],
            ),
            PlannedInspection(
                planned_month=5,
                agency=justice,
                subject="Công bố, công khai thủ tục hành chính",
                inspection=pages["kiem-tra-so-tu-phap-2025"],
            ),
            PlannedInspection(
                planned_month=8,
                agency=commune_a,
                subject="Bộ phận một cửa sau sắp xếp",
                inspection=pages["kiem-tra-xa-thang-8-2025"],
            ),
            PlannedInspection(
                planned_month=10,
                agency=commune_b,
                subject="Giải quyết hồ sơ đất đai",
                inspection=pages["kiem-tra-xa-thang-10-2025"],
            ),
            PlannedInspection(
                planned_month=11,
                agency=construction,
                subject="Quy trình nội bộ cấp phép",
                inspection=pages["kiem-tra-so-xay-dung-2025"],
            ),
            PlannedInspection(planned_month=12, agency=health, subject="Kỷ luật, kỷ cương"),
            PlannedInspection(planned_month=12, agency=commune_c, subject="Dịch vụ công"),
        ]
    )
    publish(plan)
    linked = _link_news(pages)
    remedies = Remedy.objects.filter(page__in=list(pages.values()))
    out.write(
        f"Kiểm tra CCHC: 1 kế hoạch, {len(pages)} cuộc kiểm tra, {remedies.count()} yêu cầu "
        f"khắc phục ({remedies.overdue().count()} quá hạn), {linked} tin bài liên kết."
    )


def _backdate_history(page: InspectionPage) -> None:
    """Give the demo remedies a plausible history instead of "all changed today"."""
    for remedy in Remedy.objects.filter(page=page):
        RemedyStatusChange.objects.filter(remedy=remedy).delete()
        steps = [(page.start_date, OPEN, "Đoàn kiểm tra yêu cầu khắc phục.")]
        if remedy.status in (IN_PROGRESS, DONE):
            started = min(page.start_date + datetime.timedelta(days=14), timezone.localdate())
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


NEWS_ABOUT_INSPECTIONS = {
    "kiem-tra-cchc-huyen-lai-vung-lap-vo": "kiem-tra-huyen-lai-vung-lap-vo",
    "kiem-tra-so-tu-phap": "kiem-tra-so-tu-phap-2025",
    "kiem-tra-cchc-cap-xa-thang-8": "kiem-tra-xa-thang-8-2025",
    "kiem-tra-cchc-thang-10": "kiem-tra-xa-thang-10-2025",
    "kiem-tra-so-xay-dung": "kiem-tra-so-xay-dung-2025",
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
