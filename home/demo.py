"""Demo content for the frame of the site: the home page, settings and section landing pages.

Helpers here are shared by every app's `demo.py`, so that each section's demo content is
created, published and re-created the same idempotent way.
"""

from __future__ import annotations

from django.apps import apps
from django.db import transaction
from wagtail.models import Page, Site

from home.models import FooterLink, HeadlineFigure, HomePage, PortalSettings
from home.portal_setup import SECTIONS, setup_frame

# Figures reported by provinces in the seeds (public facts), used as the demo's headline.
DEMO_FIGURES = [
    ("83,93%", "Chỉ số hài lòng của người dân, tổ chức (SIPAS) năm 2022", "Theo Bộ Nội vụ"),
    ("235.970", "Hồ sơ tiếp nhận trong năm", "Hệ thống thông tin giải quyết TTHC tỉnh"),
    ("95,1%", "Hồ sơ giải quyết đúng hạn", "Tính trên hồ sơ đã giải quyết"),
    ("1.784", "Thủ tục hành chính đang áp dụng", "Cấp tỉnh và cấp xã"),
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


@transaction.atomic
def load_home(province_name: str) -> HomePage:
    """The demo's frame: `setup_frame`'s tree, Site and settings, filled with demo values."""
    setup_frame(province_name)
    home = HomePage.objects.get()
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
    site = Site.objects.get(is_default_site=True)

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

    for app_label, model_name, title, slug, intro in SECTIONS:
        model = apps.get_model(app_label, model_name)
        upsert_child(home, model, slug, title=title, intro=f"<p>{intro}</p>", show_in_menus=True)
    return home
