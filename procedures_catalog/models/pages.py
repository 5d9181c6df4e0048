"""The catalogue's pages: the index (with its browse routes) and one page per procedure.

A procedure's public identity is its code (mã TTHC), so its canonical URL is
`/thu-tuc/<code>/` whatever its Wagtail slug: Wagtail slugs cannot hold dots, so the slug is
derived from the code ("1.001193" -> "1-001193") and the index page routes codes itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from base.money import MoneyField
from base.relations import related_objects
from home.models import BasePage
from procedures_catalog.choices import (
    ENDED_STATUSES,
    STATUS_EVENTS,
    ChannelMode,
    Currency,
    DocumentGroup,
    OnlineLevel,
    ProcedureStatus,
    TimeUnit,
)
from search.featured import search_priority_field, search_priority_panel
from search.text import normalize_document_number

CODE_MAX_LENGTH = 40


def slug_for_code(code: str) -> str:
    """The Wagtail slug of a procedure: its code with dots (not allowed in slugs) as dashes."""
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in code.strip()).lower()


class ProcedureIndexPage(RoutablePageMixin, BasePage):
    """The section's landing page, a child of the home page: the browsable catalogue.

    Its routes (see `procedures_catalog.views`): the filtered catalogue, field, agency and
    life-situation pages, exports, and `<code>/` for each procedure (with redirects for old
    codes and replaced procedures).
    """

    intro = RichTextField("Giới thiệu", blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["procedures_catalog.ProcedurePage"]
    max_count = 1

    class Meta:
        verbose_name = "Danh mục thủ tục hành chính"

    def route(self, request, path_components):
        # A procedure by its code: route into the procedure page itself, so that Wagtail's
        # serve view applies the procedure's own privacy and hooks.
        if path_components and self.live:
            procedure = (
                ProcedurePage.objects.child_of(self)
                .live()
                .filter(code=path_components[0])
                .select_related("field")
                .first()
            )
            if procedure is not None:
                return procedure.specific.route(request, path_components[1:])
        return super().route(request, path_components)

    # The views live in procedures_catalog.views, which keeps this module about data.

    @path("")
    def catalogue(self, request):
        from procedures_catalog import views

        return views.catalogue(self, request)

    @path("linh-vuc/<slug:slug>/", name="field")
    def field_page(self, request, slug):
        from procedures_catalog import views

        return views.vocabulary_page(self, request, "field", slug)

    @path("co-quan/<slug:slug>/", name="agency")
    def agency_page(self, request, slug):
        from procedures_catalog import views

        return views.vocabulary_page(self, request, "agency", slug)

    @path("su-kien/<slug:slug>/", name="life_situation")
    def life_situation_page(self, request, slug):
        from procedures_catalog import views

        return views.vocabulary_page(self, request, "life_situation", slug)

    @path("<str:code>/", name="procedure")
    def procedure_by_code(self, request, code):
        """A code that is not a live procedure: an old code, a slug, or a 404."""
        from procedures_catalog import views

        return views.procedure_fallback(self, request, code)

    @path("<str:code>/in/", name="procedure_checklist")
    def procedure_checklist_fallback(self, request, code):
        from procedures_catalog import views

        return views.procedure_fallback(self, request, code, suffix="in/")


class ProcedurePage(RoutablePageMixin, BasePage):
    """Thủ tục hành chính: one procedure of the catalogue, keyed by its code."""

    code = models.CharField(
        "Mã thủ tục",
        max_length=CODE_MAX_LENGTH,
        unique=True,
        db_index=True,
        help_text="Mã TTHC trên Cơ sở dữ liệu quốc gia, ví dụ 1.001193; là địa chỉ của trang.",
    )
    name = models.TextField(
        "Tên đầy đủ",
        blank=True,
        help_text="Chỉ cần khi tên thủ tục dài hơn 255 ký tự; để trống thì dùng tiêu đề.",
    )
    field = models.ForeignKey(
        "procedures_catalog.Field",
        verbose_name="Lĩnh vực",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="procedures",
    )
    levels = ParentalManyToManyField(
        "procedures_catalog.Level",
        verbose_name="Cấp thực hiện",
        blank=True,
        related_name="procedures",
    )
    procedure_type = models.CharField("Loại thủ tục", max_length=200, blank=True)

    status = models.CharField(
        "Tình trạng",
        max_length=20,
        choices=ProcedureStatus.choices,
        default=ProcedureStatus.IN_FORCE,
        db_index=True,
    )
    decision_number = models.CharField("Quyết định công bố (số)", max_length=100, blank=True)
    decision_date = models.DateField("Ngày quyết định công bố", null=True, blank=True)
    status_since = models.DateField(
        "Tình trạng có hiệu lực từ ngày",
        null=True,
        blank=True,
        help_text="Ngày thủ tục bị bãi bỏ, thay thế, tạm ngừng hoặc sửa đổi có hiệu lực.",
    )
    source_updated_on = models.DateField(
        "Ngày cập nhật trên Cơ sở dữ liệu quốc gia",
        null=True,
        blank=True,
        help_text="Lần thay đổi gần nhất của thủ tục trong danh mục nguồn (không phải ngày nhập).",
    )
    status_note = models.TextField(
        "Ghi chú tình trạng",
        blank=True,
        help_text="Ví dụ: bãi bỏ theo Quyết định số ... ngày ...",
    )
    successor = models.ForeignKey(
        "self",
        verbose_name="Thủ tục thay thế",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    implementing_agencies = ParentalManyToManyField(
        "agencies.Agency",
        verbose_name="Cơ quan thực hiện",
        blank=True,
        related_name="implemented_procedures",
    )
    competent_agencies = ParentalManyToManyField(
        "agencies.Agency",
        verbose_name="Cơ quan có thẩm quyền",
        blank=True,
        related_name="competent_procedures",
    )
    coordinating_agencies = ParentalManyToManyField(
        "agencies.Agency",
        verbose_name="Cơ quan phối hợp",
        blank=True,
        related_name="coordinated_procedures",
    )
    agency_note = models.TextField(
        "Ghi chú về cơ quan",
        blank=True,
        help_text="Cơ quan được ủy quyền, phân cấp, hoặc tên cơ quan không có trong danh mục.",
    )
    receiving_address = models.TextField("Địa chỉ tiếp nhận hồ sơ", blank=True)

    online_level = models.CharField(
        "Dịch vụ công trực tuyến",
        max_length=20,
        choices=OnlineLevel.choices,
        blank=True,
        default=OnlineLevel.NONE,
        db_index=True,
    )
    online_url = models.URLField("Địa chỉ nộp hồ sơ trực tuyến", max_length=500, blank=True)
    number_of_sets = models.PositiveSmallIntegerField("Số lượng hồ sơ (bộ)", null=True, blank=True)

    applicants = ParentalManyToManyField(
        "procedures_catalog.ApplicantType",
        verbose_name="Đối tượng thực hiện",
        blank=True,
        related_name="procedures",
    )
    requirements = models.TextField("Yêu cầu, điều kiện", blank=True)
    results = models.TextField("Kết quả thực hiện", blank=True, help_text="Mỗi kết quả một dòng.")
    life_situations = ParentalManyToManyField(
        "procedures_catalog.LifeSituation",
        verbose_name="Sự kiện trong đời sống",
        blank=True,
        related_name="procedures",
    )
    import_hash = models.CharField(
        "Dấu vân tay lần nhập gần nhất", max_length=64, blank=True, editable=False
    )
    source_url = models.URLField("Nguồn (Cổng Dịch vụ công quốc gia)", max_length=500, blank=True)
    search_priority = search_priority_field()

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("field")]),
                FieldPanel("name"),
                FieldPanel("levels"),
                FieldPanel("procedure_type"),
                FieldPanel("applicants"),
                FieldPanel("life_situations"),
            ],
            heading="Nhận diện thủ tục",
        ),
        MultiFieldPanel(
            [
                FieldPanel("implementing_agencies"),
                FieldPanel("competent_agencies"),
                FieldPanel("coordinating_agencies"),
                FieldPanel("agency_note"),
                FieldPanel("receiving_address"),
            ],
            heading="Cơ quan và nơi nộp",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("online_level"), FieldPanel("number_of_sets")]),
                FieldPanel("online_url"),
            ],
            heading="Nộp trực tuyến",
        ),
        InlinePanel("channels", label="Cách thức thực hiện", heading="Cách thức, thời hạn, phí"),
        InlinePanel("documents", label="Giấy tờ", heading="Thành phần hồ sơ"),
        InlinePanel("steps", label="Bước", heading="Trình tự thực hiện"),
        FieldPanel("requirements"),
        FieldPanel("results"),
        InlinePanel("legal_basis", label="Văn bản", heading="Căn cứ pháp lý"),
    ]
    status_panels = [
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("decision_number"), FieldPanel("decision_date")]),
                FieldRowPanel([FieldPanel("status_since"), FieldPanel("source_updated_on")]),
                FieldPanel("successor"),
                FieldPanel("status_note"),
                FieldPanel("source_url"),
            ],
            heading="Tình trạng và quyết định công bố",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Nội dung"),
            ObjectList(status_panels, heading="Tình trạng"),
            ObjectList([*BasePage.promote_panels, search_priority_panel()], heading="Quảng bá"),
            ObjectList(BasePage.settings_panels, heading="Cài đặt"),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("code"),
        index.SearchField("name"),
        index.FilterField("status"),
        index.FilterField("online_level"),
        index.FilterField("field"),
    ]

    parent_page_types = ["procedures_catalog.ProcedureIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Thủ tục hành chính"
        verbose_name_plural = "Thủ tục hành chính"

    def __str__(self):
        return f"{self.code} {self.title}"

    def admin_search_numbers(self) -> tuple[str, ...]:
        return (self.code,)

    # -- identity and URLs ---------------------------------------------------------------

    @property
    def full_name(self) -> str:
        return self.name or self.title

    @property
    def is_ended(self) -> bool:
        return self.status in ENDED_STATUSES

    @property
    def status_event(self) -> str:
        """ "đã bị bãi bỏ", "đang tạm ngừng áp dụng"...; empty for a procedure in force."""
        return STATUS_EVENTS.get(self.status, "")

    @property
    def catalogue_date(self):
        """The catalogue's own date of this record: its last change in the source, else the
        date its current status took effect, else its decision. None when the source gives
        none; never the date it was loaded here."""
        return self.source_updated_on or self.status_since or self.decision_date

    def clean(self):
        self.code = (self.code or "").strip()
        if self.code:
            self.slug = slug_for_code(self.code)
        super().clean()
        if self.successor_id and self.successor_id == self.pk:
            raise ValidationError({"successor": "Thủ tục không thể thay thế chính nó."})
        if self.status == ProcedureStatus.REPLACED and not self.successor_id:
            raise ValidationError({"successor": "Hãy chọn thủ tục thay thế."})

    def save(self, *args, **kwargs):
        self.code = (self.code or "").strip()
        if self.code and not self.slug:
            self.slug = slug_for_code(self.code)
        if self.pk:
            # Keep the old code reachable when an editor changes it.
            old_code = (
                ProcedurePage.objects.filter(pk=self.pk).values_list("code", flat=True).first()
            )
            if old_code and old_code != self.code:
                ProcedureCodeAlias.objects.update_or_create(
                    code=old_code, defaults={"page_id": self.pk}
                )
        super().save(*args, **kwargs)

    def get_url_parts(self, request=None):
        """`/thu-tuc/<code>/`: the parent's URL plus the code, whatever the slug."""
        parts = super().get_url_parts(request)
        if parts is None or not self.code:
            return parts
        site_id, root_url, page_path = parts
        parent_path = page_path.rstrip("/").rsplit("/", 1)[0] + "/"
        return site_id, root_url, f"{parent_path}{self.code}/"

    # -- what the page shows -------------------------------------------------------------

    @cached_property
    def result_lines(self) -> list[str]:
        return [line.strip() for line in self.results.splitlines() if line.strip()]

    @cached_property
    def terms(self) -> dict[str, list]:
        """The page's vocabulary lists (levels, applicants, life situations, the three agency
        lists) in two queries rather than one per list (`base.relations`)."""
        from procedures_catalog.models.vocabularies import ApplicantType, Level, LifeSituation

        return related_objects(
            self,
            [
                "levels",
                "applicants",
                "life_situations",
                "implementing_agencies",
                "competent_agencies",
                "coordinating_agencies",
            ],
            cached=(Level, ApplicantType, LifeSituation),
        )

    @cached_property
    def channel_list(self) -> list[ProcedureChannel]:
        return list(self.channels.all())

    def document_checklist(self) -> DocumentChecklist:
        """The documents, common ones first, then one group per case, then the notes."""
        return DocumentChecklist.from_documents(
            self.documents.select_related("form", "second_form")
        )

    @path("")
    def detail(self, request):
        from procedures_catalog import views

        return views.procedure_detail(self, request)

    @path("in/", name="checklist")
    def checklist(self, request):
        from procedures_catalog import views

        return views.procedure_checklist(self, request)


class ProcedureCodeAlias(models.Model):
    """An old code of a procedure: `/thu-tuc/<old code>/` redirects to the page."""

    code = models.CharField("Mã cũ", max_length=CODE_MAX_LENGTH, unique=True)
    page = models.ForeignKey(
        ProcedurePage,
        verbose_name="Thủ tục",
        on_delete=models.CASCADE,
        related_name="code_aliases",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("code"), FieldPanel("page")]

    class Meta:
        verbose_name = "Mã thủ tục cũ"
        verbose_name_plural = "Mã thủ tục cũ"

    def __str__(self):
        return f"{self.code} → {self.page.code}"


class ProcedureStep(Orderable):
    """Trình tự thực hiện: one step."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField("Tên bước", max_length=255, blank=True)
    description = models.TextField("Nội dung")

    panels = [FieldPanel("title"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = "Bước thực hiện"
        verbose_name_plural = "Trình tự thực hiện"


class ProcedureChannel(Orderable):
    """Cách thức thực hiện: a way to file, with its time limit and fee.

    A fee of 0 is "Miễn phí"; an empty fee means the catalogue does not state one.
    """

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="channels")
    mode = models.CharField("Hình thức nộp", max_length=20, choices=ChannelMode.choices)
    time_limit = models.DecimalField(
        "Thời hạn giải quyết", max_digits=7, decimal_places=1, null=True, blank=True
    )
    time_unit = models.CharField(
        "Đơn vị thời hạn", max_length=20, choices=TimeUnit.choices, blank=True
    )
    time_note = models.CharField(
        "Ghi chú thời hạn",
        max_length=500,
        blank=True,
        help_text="Ví dụ: kể từ ngày nhận đủ hồ sơ hợp lệ.",
    )
    fee_amount = MoneyField(
        "Phí, lệ phí",
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="0 là miễn phí; để trống khi không quy định.",
    )
    currency = models.CharField(
        "Đơn vị tiền", max_length=3, choices=Currency.choices, default=Currency.VND
    )
    fee_note = models.TextField("Ghi chú phí, lệ phí", blank=True)
    description = models.TextField("Mô tả", blank=True)

    panels = [
        FieldPanel("mode"),
        FieldRowPanel([FieldPanel("time_limit"), FieldPanel("time_unit")]),
        FieldPanel("time_note"),
        FieldRowPanel([FieldPanel("fee_amount"), FieldPanel("currency")]),
        FieldPanel("fee_note"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Cách thức thực hiện"
        verbose_name_plural = "Cách thức thực hiện"

    @property
    def is_free(self) -> bool:
        return self.fee_amount is not None and self.fee_amount == 0

    @property
    def time_label(self) -> str:
        if self.time_limit is None:
            return self.time_note
        value = f"{self.time_limit.normalize():f}".replace(".", ",")
        unit = self.get_time_unit_display() if self.time_unit else ""
        return " ".join(part for part in (value, unit) if part)

    @property
    def fee_label(self) -> str:
        if self.fee_amount is None:
            return "Không quy định"
        if self.fee_amount == 0:
            return "Miễn phí"
        amount = f"{int(self.fee_amount):,}".replace(",", ".")
        if self.fee_amount != int(self.fee_amount):
            cents = f"{self.fee_amount:.2f}".split(".")[1]
            amount = f"{amount},{cents}"
        return f"{amount} {self.get_currency_display()}"


class RequiredDocument(Orderable):
    """Thành phần hồ sơ: one document to bring, within a case (trường hợp)."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="documents")
    group = models.CharField(
        "Ai cần giấy tờ này",
        max_length=20,
        choices=DocumentGroup.choices,
        default=DocumentGroup.COMMON,
        help_text="Giấy tờ chung được hiển thị trước; mỗi trường hợp là một nhóm riêng.",
    )
    case = models.CharField(
        "Trường hợp / tiêu đề nhóm",
        max_length=500,
        blank=True,
        help_text="Bắt buộc khi giấy tờ chỉ dùng trong một trường hợp (ví dụ: Trẻ bị bỏ rơi). "
        "Với giấy tờ chung: tiêu đề nhóm nếu cần (ví dụ: Giấy tờ phải xuất trình).",
    )
    name = models.TextField("Tên giấy tờ")
    originals = models.PositiveSmallIntegerField("Số bản chính", default=0)
    copies = models.PositiveSmallIntegerField("Số bản sao", default=0)
    is_required = models.BooleanField("Bắt buộc", default=True)
    note = models.TextField("Ghi chú", blank=True)
    form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Mẫu đơn, tờ khai",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    second_form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Mẫu thứ hai",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    form_name = models.CharField(
        "Tên mẫu (chưa có tệp)",
        max_length=255,
        blank=True,
        help_text="Tên tệp mẫu theo danh mục quốc gia khi chưa tải tệp lên.",
    )

    panels = [
        FieldRowPanel([FieldPanel("group"), FieldPanel("case")]),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("originals"), FieldPanel("copies"), FieldPanel("is_required")]),
        FieldPanel("note"),
        FieldRowPanel([FieldPanel("form"), FieldPanel("second_form")]),
        FieldPanel("form_name"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Giấy tờ trong hồ sơ"
        verbose_name_plural = "Thành phần hồ sơ"

    def clean(self):
        super().clean()
        self.case = " ".join((self.case or "").split())
        if self.group == DocumentGroup.CASE and not self.case:
            raise ValidationError(
                {"case": "Hãy ghi tên trường hợp, hoặc chọn “Mọi người nộp hồ sơ đều cần”."}
            )

    @property
    def forms(self) -> list:
        return [f for f in (self.form, self.second_form) if f is not None]

    @property
    def quantity_label(self) -> str:
        parts = []
        if self.originals:
            parts.append(f"{self.originals} bản chính")
        if self.copies:
            parts.append(f"{self.copies} bản sao")
        return ", ".join(parts) or "Xuất trình"


CASE_PREFIXES = ("trường hợp", "đối với", "nếu", "khi")


def case_heading(case: str) -> str:
    """ "Trẻ bị bỏ rơi" -> "Trường hợp: Trẻ bị bỏ rơi"; a label that already says so is kept."""
    label = case.strip().rstrip(":").strip()
    if label.lower().startswith(CASE_PREFIXES):
        return label[0].upper() + label[1:]
    return f"Trường hợp: {label}"


@dataclass
class DocumentSet:
    heading: str
    documents: list[RequiredDocument] = dc_field(default_factory=list)


@dataclass
class DocumentChecklist:
    """A procedure's documents as people must read them.

    `common`: what every applicant brings, shown first (sub-groups keep their own heading,
    e.g. "Giấy tờ phải xuất trình"); `cases`: one group per case, of which a person brings only
    their own; `notes`: remarks that are not documents. Editor order holds within each group,
    whatever the order of the groups in the admin.
    """

    common: list[DocumentSet] = dc_field(default_factory=list)
    cases: list[DocumentSet] = dc_field(default_factory=list)
    notes: list[RequiredDocument] = dc_field(default_factory=list)

    @classmethod
    def from_documents(cls, documents) -> DocumentChecklist:
        checklist = cls()
        common: dict[str, DocumentSet] = {}
        cases: dict[str, DocumentSet] = {}
        for document in documents:
            if document.group == DocumentGroup.NOTE:
                checklist.notes.append(document)
            elif document.group == DocumentGroup.CASE and document.case.strip():
                key = document.case.strip().rstrip(":").strip()
                if key not in cases:
                    cases[key] = DocumentSet(case_heading(key))
                cases[key].documents.append(document)
            else:
                key = document.case.strip().rstrip(":").strip()
                if key not in common:
                    common[key] = DocumentSet(key)
                common[key].documents.append(document)
        # The untitled common set (the core documents) first, then titled common sets.
        checklist.common = sorted(common.values(), key=lambda group: group.heading != "")
        checklist.cases = list(cases.values())
        return checklist

    def __bool__(self) -> bool:
        return bool(self.common or self.cases or self.notes)

    @property
    def documents(self) -> list[RequiredDocument]:
        """Every document to bring, in reading order (for the forms list)."""
        return [d for group in (*self.common, *self.cases) for d in group.documents]


class ProcedureLegalBasis(Orderable):
    """Căn cứ pháp lý: a document number cited by the procedure.

    The legal documents app joins on `normalized_number` to link the number to its register
    entry; keep the name and shape of this model stable.
    """

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="legal_basis")
    number = models.CharField("Số ký hiệu", max_length=100)
    title = models.CharField("Trích yếu", max_length=500, blank=True)
    normalized_number = models.CharField(
        "Số ký hiệu chuẩn hóa", max_length=100, db_index=True, editable=False
    )

    panels = [FieldPanel("number"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "Căn cứ pháp lý"
        verbose_name_plural = "Căn cứ pháp lý"

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        self.normalized_number = normalize_document_number(self.number)[:100]
        super().save(*args, **kwargs)
