"""/api/v1/legal-documents: the register, filtered as /van-ban/ is, and each document's record
(status, relations read from both ends, history, files), and the yearly expired lists."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Path, Query, Router, Schema

from api.errors import ApiError, responses
from api.listing import PageOut, check, page_of
from api.schemas import DATE, SLUG, Choice, Ref, api_url, choice, page_url, ref, refs
from base.listing import Listing
from base.public_url import absolute_url, page_path
from base.visibility import public_q, restricted_paths
from legal_documents.filters import SORTS, RegisterFilterForm
from legal_documents.history import refresh_stale_statuses
from legal_documents.models import (
    ExpiredDocumentListPage,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    ValidityStatus,
)
from legal_documents.models.choices import RELATION_LABELS
from legal_documents.views import (
    GROUP_PARAMS,
    PER_PAGE,
    YEAR_PAGE_SIZE,
    _row_groups,
    _row_is_whole,
    year_totals,
)
from legal_documents.yearly import available_years, expired_in_year
from search.text import normalize_document_number

router = Router(tags=["Văn bản"])


class DocumentFilters(Schema):
    """The register's parameters (legal_documents.filters.RegisterFilterForm)."""

    loai: str | None = Field(
        None, pattern=SLUG, max_length=255, description="Loại văn bản (slug), ví dụ quyet-dinh."
    )
    co_quan_ban_hanh: str | None = Field(
        None,
        pattern=SLUG,
        max_length=255,
        alias="co-quan-ban-hanh",
        description="Cơ quan ban hành (slug).",
    )
    linh_vuc: str | None = Field(
        None, pattern=SLUG, max_length=255, alias="linh-vuc", description="Lĩnh vực (slug)."
    )
    tinh_trang: Literal[tuple(ValidityStatus.values)] | None = Field(  # type: ignore[valid-type]
        None, alias="tinh-trang", description="Tình trạng hiệu lực."
    )
    nam: int | None = Field(None, ge=1945, le=2100, description="Năm ban hành.")
    tu_ngay: str | None = Field(
        None,
        pattern=DATE,
        alias="tu-ngay",
        description="Ban hành từ ngày (yyyy-mm-dd hoặc dd/mm/yyyy).",
    )
    den_ngay: str | None = Field(
        None, pattern=DATE, alias="den-ngay", description="Ban hành đến ngày (như tu-ngay)."
    )
    so: str | None = Field(
        None,
        max_length=100,
        pattern=r"^[^\x00-\x1f\x7f-\x9f]+$",
        description="Số ký hiệu, viết kiểu nào cũng được: 57/QĐ-UBND, 57/qd-ubnd, 57 QD UBND.",
    )
    sap_xep: Literal[tuple(SORTS)] | None = Field(  # type: ignore[valid-type]
        None, alias="sap-xep", description="Mặc định moi-nhat."
    )
    trang: int | None = Field(None, ge=1, le=999999, description="Số trang (mặc định 1).")


class DocumentRef(Schema):
    number: str
    slug: str
    title: str
    url: str
    api_url: str


class DocumentSummary(Schema):
    number: str
    slug: str
    title: str
    type: Ref | None
    issuer: Ref | None
    issued_on: datetime.date | None
    effective_on: datetime.date | None
    expires_on: datetime.date | None
    year: int | None
    status: Choice
    url: str
    api_url: str


class DocumentList(PageOut):
    items: list[DocumentSummary]


class Relation(Schema):
    kind: str = Field(description="sua_doi, bo_sung, thay_the, bai_bo, huong_dan, can_cu.")
    label: str = Field(description="Quan hệ đọc từ văn bản này, ví dụ “Bị thay thế bởi”.")
    direction: Literal["out", "in"]
    part: str
    document: DocumentRef


class ListRef(Schema):
    title: str
    year: int
    decision_number: str
    url: str


class HistoryEntry(Schema):
    date: datetime.date
    label: str
    part: str
    ends_on: datetime.date | None
    note: str
    cause: DocumentRef | None
    expired_list: ListRef | None


class FileOut(Schema):
    label: str
    title: str
    url: str
    extension: str


class CitingProcedure(Schema):
    code: str
    name: str
    api_url: str


class DocumentDetail(DocumentSummary):
    signer: str
    signer_title: str
    summary: str
    fields: list[Ref]
    gazette_reference: str
    source_url: str
    relations: list[Relation]
    history: list[HistoryEntry]
    files: list[FileOut]
    procedures: list[CitingProcedure]


def document_ref(document, request) -> dict:
    return {
        "number": document.number,
        "slug": document.slug,
        "title": document.title,
        "url": page_url(document, request),
        "api_url": api_url(request, f"legal-documents/{document.slug}"),
    }


def summary(document, request, status=None) -> dict:
    status = status or document.status
    return {
        "number": document.number,
        "slug": document.slug,
        "title": document.title,
        "type": ref(document.document_type),
        "issuer": ref(document.issuer),
        "issued_on": document.issued_on,
        "effective_on": document.effective_on,
        "expires_on": document.expires_on,
        "year": document.year,
        "status": choice(status, ValidityStatus(status).label),
        "url": page_url(document, request),
        "api_url": api_url(request, f"legal-documents/{document.slug}"),
    }


def register_index() -> LegalDocumentIndexPage:
    index = LegalDocumentIndexPage.objects.live().first()
    if index is None:
        raise ApiError(404, "Chưa có danh mục văn bản.")
    return index


@router.get(
    "/legal-documents",
    response=responses(DocumentList, 400, 404),
    summary="Danh mục văn bản",
    description=f"Các văn bản đang công khai, lọc như trang /van-ban/ ({PER_PAGE} một trang).",
)
def list_documents(request, filters: Query[DocumentFilters]):
    index = register_index()
    refresh_stale_statuses()  # as the register does, so the status filter is today's
    listing = Listing(request)
    form = RegisterFilterForm(request.GET)
    if not form.is_valid():
        for field in form:
            for error in field.errors:
                listing.reject(f"{field.label}: {error}")
        for error in form.non_field_errors():
            listing.reject(error)
    check(listing)
    documents = form.filter(
        LegalDocumentPage.objects.live()
        .public()
        .descendant_of(index)
        .select_related("document_type", "issuer")
    )
    state = form.url_state()
    number = request.GET.get("so", "").strip()
    if number:
        documents = documents.filter(normalized_number=normalize_document_number(number))
        state.append(("so", number))
    return page_of(listing, documents, PER_PAGE, state, lambda d: summary(d, request))


def _relations(document, request) -> list[dict]:
    rows = []
    paths = restricted_paths()
    for relation in document.relations.select_related("target").filter(public_q("target__", paths)):
        rows.append(
            {
                "kind": relation.kind,
                "label": RELATION_LABELS[relation.kind][0],
                "direction": "out",
                "part": relation.part,
                "document": document_ref(relation.target, request),
            }
        )
    for relation in document.incoming_relations.select_related("page").filter(
        public_q("page__", paths)
    ):
        rows.append(
            {
                "kind": relation.kind,
                "label": RELATION_LABELS[relation.kind][1],
                "direction": "in",
                "part": relation.part,
                "document": document_ref(relation.page, request),
            }
        )
    return rows


def _history(document, request) -> list[dict]:
    rows = []
    for row in document.history():
        expired_list = row.expired_list
        rows.append(
            {
                "date": row.date,
                "label": str(row.label),
                "part": row.part,
                "ends_on": row.ends_on,
                "note": row.note,
                "cause": document_ref(row.cause, request) if row.cause else None,
                "expired_list": {
                    "title": expired_list.title,
                    "year": expired_list.year,
                    "decision_number": expired_list.decision_number,
                    "url": page_url(expired_list, request),
                }
                if expired_list
                else None,
            }
        )
    return rows


@router.get(
    "/legal-documents/{slug}",
    response=responses(DocumentDetail, 400, 404),
    summary="Một văn bản",
    description="Hồ sơ văn bản theo slug (trong api_url của danh mục; tra theo số ký hiệu "
    "bằng /legal-documents?so=...): tình trạng hiệu lực hôm nay, quan hệ với văn bản khác "
    "đọc từ cả hai phía, lịch sử hiệu lực, tệp đính kèm, thủ tục viện dẫn.",
)
def get_document(request, slug: str = Path(..., max_length=255)):
    document = (
        LegalDocumentPage.objects.live()
        .public()
        .filter(slug=slug[:255])
        .select_related("document_type", "issuer")
        .first()
    )
    if document is None:
        raise ApiError(404, f"Không có văn bản “{slug[:60]}”.")
    procedures = [
        {
            "code": page.code,
            "name": page.full_name,
            "api_url": api_url(request, f"procedures/{page.code}"),
        }
        for page in document.resting_procedures()
    ]
    return {
        **summary(document, request, status=document.current_status),
        "signer": document.signer,
        "signer_title": document.signer_title,
        "summary": document.summary,
        "fields": refs(document.fields.all()),
        "gazette_reference": document.gazette_reference,
        "source_url": document.source_url,
        "relations": _relations(document, request),
        "history": _history(document, request),
        "files": [
            {
                "label": item.label,
                "title": item.document.title,
                "url": absolute_url(item.document.url, request),
                "extension": item.document.file_extension,
            }
            for item in document.files.select_related("document")
        ],
        "procedures": procedures,
    }


# -- the yearly expired lists ------------------------------------------------------------------


class YearOut(Schema):
    year: int
    lists: list[ListRef]
    url: str
    api_url: str


class Listed(Schema):
    group: Choice
    part: str
    date: datetime.date
    reason: str
    decision_number: str
    list_url: str


class Fact(Schema):
    kind: str
    label: str
    date: datetime.date
    part: str


class ExpiredRow(Schema):
    document: DocumentRef
    extent: Literal["toan-bo", "mot-phan"]
    listed: list[Listed] = Field(description="Theo danh mục công bố.")
    history: list[Fact] = Field(description="Theo lịch sử của chính văn bản.")
    disagrees: bool
    flags: list[str]


class Totals(Schema):
    documents: int
    whole: int
    partial: int
    by_group: dict[str, int]
    only_in_history: int
    disagreements: int


class ExpiredYear(PageOut):
    year: int
    totals: Totals
    items: list[ExpiredRow]


class ExpiredFilters(Schema):
    nhom: Literal[tuple(GROUP_PARAMS)] | None = Field(  # type: ignore[valid-type]
        None, description="Nhóm trong danh mục."
    )
    trang: int | None = Field(None, ge=1, le=999999, description="Số trang (mặc định 1).")


def _year_url(index, year: int, request) -> str:
    subpage = index.reverse_subpage("expired_year_view", kwargs={"year": year})
    return absolute_url(page_path(index) + subpage, request)


@router.get(
    "/expired-documents",
    response=responses(list[YearOut], 404),
    summary="Các năm có văn bản hết hiệu lực",
    description="Năm có danh mục văn bản hết hiệu lực, ngưng hiệu lực đã công bố hoặc có văn "
    "bản hết hiệu lực, mới nhất trước, với các quyết định công bố danh mục.",
)
def expired_years(request):
    index = register_index()
    lists = list(
        ExpiredDocumentListPage.objects.live().public().order_by("-year", "-decision_date")
    )
    result = []
    for year in available_years():
        result.append(
            {
                "year": year,
                "lists": [
                    {
                        "title": item.title,
                        "year": item.year,
                        "decision_number": item.decision_number,
                        "url": page_url(item, request),
                    }
                    for item in lists
                    if item.year == year
                ],
                "url": _year_url(index, year, request),
                "api_url": api_url(request, f"expired-documents/{year}"),
            }
        )
    return result


def _expired_row(row, request) -> dict:
    return {
        "document": document_ref(row.document, request),
        "extent": "toan-bo" if _row_is_whole(row) else "mot-phan",
        "listed": [
            {
                "group": choice(entry.group.replace("_", "-"), entry.get_group_display()),
                "part": entry.part,
                "date": entry.date,
                "reason": entry.reason,
                "decision_number": entry.page.decision_number,
                "list_url": page_url(entry.page, request),
            }
            for entry in row.entries
        ],
        "history": [
            {"kind": fact.kind, "label": fact.label, "date": fact.date, "part": fact.part}
            for fact in row.facts
        ],
        "disagrees": bool(row.flags),
        "flags": row.flags,
    }


@router.get(
    "/expired-documents/{year}",
    response=responses(ExpiredYear, 400, 404),
    summary="Văn bản hết hiệu lực, ngưng hiệu lực trong một năm",
    description="Như trang /van-ban/het-hieu-luc/<năm>/: danh mục công bố ghép với lịch sử "
    f"của từng văn bản, tổng số theo nhóm, chỗ không khớp ({YEAR_PAGE_SIZE} dòng một trang).",
)
def expired_year(request, filters: Query[ExpiredFilters], year: int = Path(..., ge=1945, le=2100)):
    register_index()
    listing = Listing(request)
    if not 1945 <= year <= 2100:
        raise ApiError(400, f"Năm {year} không hợp lệ: chọn một năm từ 1945 đến 2100.")
    rows = expired_in_year(year)
    group = listing.lookup("nhom", "Nhóm trong danh mục", GROUP_PARAMS.get)
    check(listing)
    totals = year_totals(rows)
    if group is not None:
        rows = [row for row in rows if group in _row_groups(row)]
    state = {"nhom": group.value.replace("_", "-")} if group is not None else {}
    return page_of(
        listing,
        rows,
        YEAR_PAGE_SIZE,
        state,
        lambda row: _expired_row(row, request),
        year=year,
        totals=totals,
    )
