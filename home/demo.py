"""Demo content for the frame of the site: the home page, settings and section landing pages.

Helpers here are shared by every app's `demo.py`, so that each section's demo content is
created, published and re-created the same idempotent way.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from home.models import FooterLink, HeadlineFigure, HomePage, PortalSettings

# Figures reported by provinces in the seeds (public facts), used as the demo's headline.
DEMO_FIGURES = [
    ("83,93%", "Chỉ số hài lòng của người dân, tổ chức (SIPAS) năm 2022", "Theo Bộ Nội vụ"),
    ("235.970", "Hồ sơ tiếp nhận trong năm", "Hệ thống thông tin giải quyết TTHC tỉnh"),
    ("95,1%", "Hồ sơ giải quyết đúng hạn", "Tính trên hồ sơ đã giải quyết"),
    ("1.784", "Thủ tục hành chính đang áp dụng", "Cấp tỉnh và cấp xã"),
]

SECTIONS = [
    # (app label, model name, title, slug, intro)
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
]


def publish(page: Page) -> Page:
    """Publish the page's latest state as a revision, as an editor's publish would."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def upsert_child(parent: Page, model: type[Page], slug: str, **fields) -> Page:
    """Create or update the child of `parent` with `slug`, then publish it."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, model):
            raise ValueError(f"/{slug}/ đã là một trang loại khác ({type(page).__name__}).")
        for name, value in fields.items():
            setattr(page, name, value)
    else:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    return publish(page)


def _tree_root() -> Page:
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


@transaction.atomic
def load_home(province_name: str) -> HomePage:
    root = _tree_root()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="Trang chủ", slug="trang-chu")
        root.add_child(instance=home)
    home.title = "Trang chủ"
    home.hero_title = "Tra cứu thủ tục hành chính"
    home.hero_text = (
        f"Biết trước giấy tờ cần mang, nơi nộp, thời hạn và lệ phí trước khi đến cơ quan. "
        f"Cổng thông tin cải cách hành chính tỉnh {province_name}."
    )
    home.figures.set(
        [HeadlineFigure(value=v, label=label, note=note) for v, label, note in DEMO_FIGURES]
    )
    publish(home)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    if site.root_page_id != home.id:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Cổng thông tin cải cách hành chính"
        site.save()
        # Wagtail's placeholder "Welcome" page is no longer anyone's root.
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()

    portal = PortalSettings.for_site(site)
    portal.province_name = province_name
    portal.portal_name = "Cổng thông tin cải cách hành chính"
    portal.managing_agency = "Ủy ban nhân dân tỉnh"
    portal.office_name = f"Trung tâm Phục vụ hành chính công tỉnh {province_name}"
    portal.office_address = "Số 12 đường Lý Thường Kiệt, phường Cao Lãnh, tỉnh Đồng Tháp"
    portal.office_phone = "0277 3 851 234"
    portal.office_hotline = "1900 0000"
    portal.office_email = "motcua@dongthap.gov.vn"
    portal.office_hours = "Thứ Hai đến Thứ Sáu: 7:00-11:30, 13:30-17:00; sáng Thứ Bảy: 7:00-11:30"
    portal.footer_links.set(
        [
            FooterLink(title="Cổng Dịch vụ công quốc gia", url="https://dichvucong.gov.vn/"),
            FooterLink(title="Cơ sở dữ liệu quốc gia về văn bản pháp luật", url="https://vbpl.vn/"),
            FooterLink(title="Chính phủ", url="https://chinhphu.vn/"),
        ]
    )
    portal.save()

    from django.apps import apps

    for app_label, model_name, title, slug, intro in SECTIONS:
        model = apps.get_model(app_label, model_name)
        upsert_child(home, model, slug, title=title, intro=f"<p>{intro}</p>", show_in_menus=True)
    return home
