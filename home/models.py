"""The home page, the page fields every page type shares, and the site-wide settings."""

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from home.sections import section_context


class BasePage(Page):
    """Fields shared by every page of the portal: how it appears in listings and when shared."""

    listing_summary = models.TextField(
        "Tóm tắt khi liệt kê",
        blank=True,
        help_text="Một hoặc hai câu hiển thị trong danh sách và khi chia sẻ lên mạng xã hội.",
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Ảnh đại diện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("listing_summary"), FieldPanel("listing_image")],
            heading="Hiển thị trong danh sách",
        ),
    ]

    class Meta:
        abstract = True

    @property
    def summary_text(self) -> str:
        return self.listing_summary or self.search_description

    def get_breadcrumbs(self):
        """Ancestors below the tree root, home page first; the template adds this page."""
        return self.get_ancestors().filter(depth__gt=1).specific()


class HomePage(BasePage):
    """The portal's front page: search, entry points to each section, figures, contacts."""

    hero_title = models.CharField(
        "Tiêu đề chính", max_length=200, default="Tra cứu thủ tục hành chính"
    )
    hero_text = models.TextField(
        "Lời giới thiệu",
        blank=True,
        default="Biết trước giấy tờ cần mang, nơi nộp, thời hạn và lệ phí trước khi đến cơ quan.",
    )
    search_placeholder = models.CharField(
        "Gợi ý trong ô tìm kiếm",
        max_length=120,
        default="Ví dụ: đăng ký khai sinh, 57/QĐ-UBND",
    )
    figures_title = models.CharField(
        "Tiêu đề phần số liệu", max_length=120, default="Cải cách hành chính qua các con số"
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("search_placeholder")],
            heading="Phần đầu trang",
        ),
        MultiFieldPanel(
            [FieldPanel("figures_title"), InlinePanel("figures", label="Số liệu nổi bật")],
            heading="Số liệu nổi bật",
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "Trang chủ"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(section_context(request))
        # Figures computed from the statistics win over the ones typed here.
        context["figures"] = context.get("statistics_figures") or self.figures.all()
        return context


class HeadlineFigure(Orderable):
    """A figure on the home page, e.g. "Chỉ số SIPAS 2023: 83,93%"."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="figures")
    value = models.CharField("Giá trị", max_length=40, help_text="Ví dụ: 83,93% hoặc 2.084")
    label = models.CharField("Nội dung", max_length=160)
    note = models.CharField("Ghi chú, nguồn", max_length=200, blank=True)

    panels = [FieldPanel("value"), FieldPanel("label"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "Số liệu nổi bật"
        verbose_name_plural = "Số liệu nổi bật"


@register_setting(icon="site")
class PortalSettings(ClusterableModel, BaseSiteSetting):
    """Who runs the portal and how to reach the one-stop office; editable by administrators."""

    province_name = models.CharField("Tên tỉnh", max_length=120, default="Đồng Tháp")
    portal_name = models.CharField(
        "Tên cổng thông tin", max_length=200, default=settings.WAGTAIL_SITE_NAME
    )
    managing_agency = models.CharField(
        "Cơ quan chủ quản", max_length=200, default="Ủy ban nhân dân tỉnh"
    )
    office_name = models.CharField(
        "Tên bộ phận một cửa",
        max_length=200,
        default="Trung tâm Phục vụ hành chính công tỉnh",
    )
    office_address = models.CharField("Địa chỉ", max_length=300, blank=True)
    office_phone = models.CharField("Điện thoại", max_length=60, blank=True)
    office_hotline = models.CharField("Đường dây nóng", max_length=60, blank=True)
    office_email = models.EmailField("Thư điện tử", blank=True)
    office_hours = models.CharField(
        "Giờ làm việc",
        max_length=200,
        blank=True,
        help_text="Ví dụ: Thứ Hai đến Thứ Sáu, 7:00-11:30 và 13:30-17:00",
    )
    footer_note = RichTextField(
        "Ghi chú chân trang", blank=True, features=["bold", "italic", "link"]
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("province_name"), FieldPanel("portal_name"), FieldPanel("managing_agency")],
            heading="Cổng thông tin",
        ),
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("office_address"),
                FieldPanel("office_phone"),
                FieldPanel("office_hotline"),
                FieldPanel("office_email"),
                FieldPanel("office_hours"),
            ],
            heading="Bộ phận tiếp nhận và trả kết quả",
        ),
        FieldPanel("footer_note"),
        InlinePanel("footer_links", label="Liên kết chân trang"),
    ]

    class Meta:
        verbose_name = "Cài đặt cổng thông tin"


class FooterLink(Orderable):
    settings = ParentalKey(PortalSettings, on_delete=models.CASCADE, related_name="footer_links")
    title = models.CharField("Tiêu đề", max_length=120)
    url = models.URLField("Địa chỉ liên kết")

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = "Liên kết chân trang"
