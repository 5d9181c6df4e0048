"""StreamField blocks of a news article; each renders with its own template in news/blocks/."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class ArticleImageBlock(blocks.StructBlock):
    """A photo in the body, with the alt text a screen reader reads (required), caption, credit."""

    image = ImageChooserBlock(label="Ảnh")
    alt_text = blocks.CharBlock(
        label="Mô tả ảnh (alt)",
        max_length=250,
        help_text="Mô tả nội dung ảnh cho người không xem được ảnh. Bắt buộc.",
    )
    caption = blocks.CharBlock(label="Chú thích", required=False, max_length=300)
    credit = blocks.CharBlock(label="Nguồn ảnh", required=False, max_length=120)

    class Meta:
        icon = "image"
        label = "Ảnh"
        template = "news/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Trích dẫn")
    attribution = blocks.CharBlock(label="Người phát biểu", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "Trích dẫn"
        template = "news/blocks/quote.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Tài liệu")
    title = blocks.CharBlock(
        label="Tên hiển thị", required=False, help_text="Để trống thì dùng tên của tài liệu."
    )

    class Meta:
        icon = "doc-full"
        label = "Tài liệu đính kèm"
        template = "news/blocks/document.html"


class ArticleTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label="Tiêu đề bảng", required=False, max_length=250)
    table = TableBlock(label="Bảng")

    class Meta:
        icon = "table"
        label = "Bảng số liệu"
        template = "news/blocks/table.html"


class NewsBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label="Đoạn văn",
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        template="news/blocks/paragraph.html",
    )
    heading = blocks.CharBlock(
        label="Tiêu đề mục", max_length=200, icon="title", template="news/blocks/heading.html"
    )
    image = ArticleImageBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    table = ArticleTableBlock()
