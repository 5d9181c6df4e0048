"""Pages and records of the procedures catalog section."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from home.models import BasePage


class ProcedureIndexPage(BasePage):
    """The section's landing page, a child of the home page."""

    intro = RichTextField("Giới thiệu", blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = "Danh mục thủ tục hành chính"
