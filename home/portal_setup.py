"""What a real deployment needs before editors start, with no demo content: `setup_portal`.

The page tree (home page and the section pages at their fixed slugs, which the URLs
`/thu-tuc/`, `/van-ban/`, `/tin-tuc/`, `/kiem-tra/`, `/ke-hoach-cchc/`,
`/bao-cao-cchc/` and the importers rely on), the Wagtail
`Site` at the public base URL, the portal settings, the province and its communes, the editor
roles and the moderation workflow.

Safe on a live site: it creates what is missing and never overwrites what editors may have
changed (titles, introductions, settings). Only the `Site`'s host and port follow the public
base URL, because that is configuration, not content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from administrative_units.loading import load_province
from base.public_url import public_base_url
from home.models import HomePage, PortalSettings
from home.roles import setup_roles

HOME_SLUG = "trang-chu"

# (app label, model name, title, slug, intro): the sections and their fixed slugs.
SECTIONS = [
    (
        "procedures_catalog",
        "ProcedureIndexPage",
        "Thủ tục hành chính",
        "thu-tuc",
        "Tra cứu hồ sơ cần chuẩn bị, nơi nộp, thời hạn giải quyết và lệ phí của từng thủ tục.",
    ),
    (
        "legal_documents",
        "LegalDocumentIndexPage",
        "Văn bản",
        "van-ban",
        "Văn bản quy phạm pháp luật, chỉ đạo điều hành và danh mục văn bản hết hiệu lực.",
    ),
    (
        "news",
        "NewsIndexPage",
        "Tin cải cách hành chính",
        "tin-tuc",
        "Tin hoạt động, chỉ đạo điều hành và kết quả cải cách hành chính của tỉnh.",
    ),
    (
        "inspections",
        "InspectionIndexPage",
        "Kiểm tra CCHC",
        "kiem-tra",
        "Kế hoạch, kết quả kiểm tra cải cách hành chính và việc khắc phục của từng đơn vị.",
    ),
    (
        "reform_plans",
        "PlanIndexPage",
        "Kế hoạch CCHC",
        "ke-hoach-cchc",
        "Kế hoạch cải cách hành chính hằng năm, nhiệm vụ theo lĩnh vực và tiến độ thực hiện.",
    ),
    (
        "reform_plans",
        "ReportIndexPage",
        "Báo cáo CCHC",
        "bao-cao-cchc",
        "Báo cáo kết quả cải cách hành chính định kỳ: quý, 6 tháng và năm.",
    ),
]


@dataclass
class SetupReport:
    """What `setup_portal` did, for the command to print."""

    province: str = ""
    communes: int = 0
    site: str = ""
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def tree_root() -> Page:
    """The tree's root page; recreated with its locale on a flushed database (browser tests)."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Gốc", slug="root"))  # as admin_vi names it
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Chung")
    return root


def _publish_new(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def ensure_home(report: SetupReport, province_name: str) -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        report.kept.append(f"trang chủ “{home.title}”")
        return home
    home = HomePage(
        title="Trang chủ",
        slug=HOME_SLUG,
        hero_text=(
            "Biết trước giấy tờ cần mang, nơi nộp, thời hạn và lệ phí trước khi đến cơ quan. "
            f"Cổng thông tin cải cách hành chính tỉnh {province_name}."
        ),
    )
    report.created.append("trang chủ")
    return _publish_new(tree_root(), home)


def ensure_site(home: HomePage, base_url: str) -> Site:
    """The default Site, rooted at the home page, at the host and port of `base_url`."""
    parts = urlsplit(base_url)
    hostname = parts.hostname or "localhost"
    port = parts.port or (443 if parts.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        return Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    old_root = site.root_page
    site.hostname, site.port, site.is_default_site = hostname, port, True
    site.root_page = home
    site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
    site.save()
    # Wagtail's placeholder "Welcome to your new Wagtail site!" page, once nobody's root.
    if (
        old_root.pk != home.pk
        and old_root.specific_class is Page
        and old_root.depth == 2
        and not old_root.get_children().exists()
        and not Site.objects.filter(root_page=old_root).exists()
    ):
        old_root.delete()
    return site


def ensure_settings(site: Site, province_name: str) -> PortalSettings:
    """Settings with the model's defaults and the province's name, created once."""
    existing = PortalSettings.objects.filter(site=site).first()
    if existing is not None:
        return existing
    portal = PortalSettings(site=site, province_name=province_name)
    portal.office_name = f"Trung tâm Phục vụ hành chính công tỉnh {province_name}"
    portal.save()
    return portal


def ensure_sections(home: HomePage, report: SetupReport) -> list[Page]:
    sections = []
    for app_label, model_name, title, slug, intro in SECTIONS:
        model = apps.get_model(app_label, model_name)
        existing = home.get_children().filter(slug=slug).first()
        if existing is not None:
            if existing.specific_class is not model:
                raise ValueError(
                    f"/{slug}/ đã là một trang loại khác ({existing.specific_class.__name__}); "
                    f"chuyên mục “{title}” cần địa chỉ này."
                )
            report.kept.append(f"/{slug}/")
            sections.append(existing.specific)
            continue
        page = model(slug=slug, title=title, intro=f"<p>{intro}</p>", show_in_menus=True)
        sections.append(_publish_new(home, page))
        report.created.append(f"/{slug}/")
    return sections


@transaction.atomic
def setup_frame(province_name: str, base_url: str | None = None, report=None) -> HomePage:
    """The page tree, the Site and the settings: what every page of the site stands on."""
    report = report if report is not None else SetupReport()
    tree_root()
    home = ensure_home(report, province_name)
    site = ensure_site(home, base_url or public_base_url())
    report.site = site.root_url
    ensure_settings(site, province_name)
    ensure_sections(home, report)
    return home


def setup_portal(base_url: str | None = None, province_code: int | None = None) -> SetupReport:
    """Create whatever of the portal is missing: the province and its communes, the frame,
    the editor roles and the workflow. See the module docstring."""
    report = SetupReport()
    code = province_code if province_code is not None else settings.PORTAL_PROVINCE_CODE
    province, communes = load_province(code)
    report.province, report.communes = province.name, communes
    setup_frame(province_short_name(province.name), base_url, report)
    setup_roles()
    return report


def province_short_name(name: str) -> str:
    """ "Tỉnh Đồng Tháp" or "Thành phố Cần Thơ" as the portal writes it: "Đồng Tháp"."""
    return name.removeprefix("Thành phố ").removeprefix("Tỉnh ").strip()
