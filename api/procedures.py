"""/api/v1/procedures: the catalogue, filtered as /thu-tuc/ is, and each procedure's full record."""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import HttpResponsePermanentRedirect
from ninja import Field, Path, Query, Router, Schema

from api.errors import ApiError, responses
from api.listing import PageOut, page_of
from api.schemas import SLUG, Choice, Ref, api_url, choice, page_url, ref, refs
from base.listing import Listing
from base.public_url import absolute_url
from base.visibility import is_public
from procedures_catalog.catalogue import (
    ONLINE_PARAM_FOR_VALUE,
    ONLINE_PARAMS,
    PAGE_SIZE,
    SORTS,
    STATUS_CHOICES,
    CatalogueQuery,
)
from procedures_catalog.legal_basis import legal_basis_items
from procedures_catalog.models import ProcedureCodeAlias, ProcedureIndexPage, ProcedurePage
from procedures_catalog.offices import COMMUNE_PARAM, online_link, where_to_go

router = Router(tags=["Thủ tục hành chính"])


class ProcedureFilters(Schema):
    """The catalogue's parameters (procedures_catalog.catalogue), with the same names."""

    linh_vuc: str | None = Field(
        None, pattern=SLUG, max_length=255, alias="linh-vuc", description="Lĩnh vực (slug)."
    )
    co_quan: str | None = Field(
        None, pattern=SLUG, max_length=255, alias="co-quan", description="Cơ quan thực hiện (slug)."
    )
    cap: str | None = Field(
        None,
        pattern=SLUG,
        max_length=255,
        description="Cấp thực hiện (slug, ví dụ cap-tinh, cap-xa).",
    )
    doi_tuong: str | None = Field(
        None, pattern=SLUG, max_length=255, alias="doi-tuong", description="Đối tượng (slug)."
    )
    truc_tuyen: Literal[tuple(ONLINE_PARAMS)] | None = Field(  # type: ignore[valid-type]
        None, alias="truc-tuyen", description="Mức dịch vụ công trực tuyến."
    )
    tinh_trang: Literal[tuple(STATUS_CHOICES)] | None = Field(  # type: ignore[valid-type]
        None,
        alias="tinh-trang",
        description="Để trống: đang áp dụng; het-hieu-luc: đã bãi bỏ, thay thế, tạm ngừng; "
        "tat-ca: tất cả.",
    )
    sap_xep: Literal[tuple(SORTS)] | None = Field(  # type: ignore[valid-type]
        None, alias="sap-xep", description="ten (theo tên, mặc định) hoặc ma (theo mã)."
    )
    trang: int | None = Field(None, ge=1, le=999999, description="Số trang (mặc định 1).")


class ProcedureSummary(Schema):
    code: str
    name: str
    field: Ref | None
    levels: list[Ref]
    agencies: list[Ref]
    online_level: Choice
    status: Choice
    updated_on: datetime.date | None
    url: str
    api_url: str


class ProcedureList(PageOut):
    items: list[ProcedureSummary]


class Channel(Schema):
    mode: Choice
    time_limit: float | None
    time_unit: Choice | None
    time_label: str
    time_note: str
    fee_amount: float | None = Field(description="0 là miễn phí; null khi không quy định.")
    currency: str
    fee_label: str
    fee_note: str
    description: str


class FormFile(Schema):
    title: str
    url: str
    extension: str


class RequiredDocumentOut(Schema):
    name: str
    originals: int
    copies: int
    quantity_label: str
    required: bool
    note: str
    forms: list[FormFile]
    form_name: str


class DocumentGroupOut(Schema):
    heading: str
    documents: list[RequiredDocumentOut]


class Documents(Schema):
    common: list[DocumentGroupOut] = Field(description="Giấy tờ mọi người nộp đều cần.")
    cases: list[DocumentGroupOut] = Field(description="Mỗi nhóm là một trường hợp riêng.")
    notes: list[str]
    number_of_sets: int | None


class Step(Schema):
    title: str
    description: str


class LegalBasisOut(Schema):
    number: str
    title: str
    url: str | None
    status: str
    warning: str


class Office(Schema):
    name: str
    kind: Choice | None
    address: str
    opening_hours: str
    phone: str
    email: str
    latitude: float | None
    longitude: float | None


class Offices(Schema):
    commune: Ref | None = Field(description="Xã, phường đã chọn bằng tham số xa.")
    offices: list[Office]
    commune_committee: Office | None


class Decision(Schema):
    number: str
    date: datetime.date | None


class ProcedureRef(Schema):
    code: str
    name: str
    api_url: str


class ProcedureDetail(ProcedureSummary):
    procedure_type: str
    status_since: datetime.date | None
    status_note: str
    decision: Decision
    successor: ProcedureRef | None
    applicants: list[Ref]
    life_situations: list[Ref]
    competent_agencies: list[Ref]
    coordinating_agencies: list[Ref]
    agency_note: str
    receiving_address: str
    online_url: str
    channels: list[Channel]
    documents: Documents
    steps: list[Step]
    requirements: str
    results: list[str]
    legal_basis: list[LegalBasisOut]
    offices: Offices


def catalogue_index() -> ProcedureIndexPage:
    index = ProcedureIndexPage.objects.live().first()
    if index is None:
        raise ApiError(404, "Chưa có danh mục thủ tục hành chính.")
    return index


def summary(page, request) -> dict:
    return {
        "code": page.code,
        "name": page.full_name,
        "field": ref(page.field),
        "levels": refs(page.levels.all()),
        "agencies": refs(page.implementing_agencies.all()),
        "online_level": choice(
            ONLINE_PARAM_FOR_VALUE[page.online_level], page.get_online_level_display()
        ),
        "status": choice(page.status, page.get_status_display()),
        "updated_on": page.catalogue_date,
        "url": page_url(page, request),
        "api_url": api_url(request, f"procedures/{page.code}"),
    }


@router.get(
    "/procedures",
    response=responses(ProcedureList, 400, 404),
    summary="Danh mục thủ tục hành chính",
    description="Các thủ tục đang công khai, lọc và sắp xếp như trang /thu-tuc/ "
    f"({PAGE_SIZE} thủ tục một trang).",
)
def list_procedures(request, filters: Query[ProcedureFilters]):
    index = catalogue_index()
    query = CatalogueQuery.from_request(request)
    listing = Listing(request)
    for error in query.errors:
        listing.reject(error)
    return page_of(
        listing,
        query.results(index),
        PAGE_SIZE,
        query.params(),
        lambda page: summary(page, request),
    )


def _document(document, request) -> dict:
    return {
        "name": document.name,
        "originals": document.originals,
        "copies": document.copies,
        "quantity_label": document.quantity_label,
        "required": document.is_required,
        "note": document.note,
        "forms": [
            {
                "title": form.title,
                "url": absolute_url(form.url, request),
                "extension": form.file_extension,
            }
            for form in document.forms
        ],
        "form_name": document.form_name,
    }


def _group(group, request) -> dict:
    return {
        "heading": group.heading,
        "documents": [_document(document, request) for document in group.documents],
    }


def _channel(channel) -> dict:
    return {
        "mode": choice(channel.mode, channel.get_mode_display()),
        "time_limit": float(channel.time_limit) if channel.time_limit is not None else None,
        "time_unit": choice(channel.time_unit, channel.get_time_unit_display())
        if channel.time_unit
        else None,
        "time_label": channel.time_label,
        "time_note": channel.time_note,
        "fee_amount": float(channel.fee_amount) if channel.fee_amount is not None else None,
        "currency": channel.currency,
        "fee_label": channel.fee_label,
        "fee_note": channel.fee_note,
        "description": channel.description,
    }


def _office(office) -> dict:
    kind = getattr(office, "kind", "")
    return {
        "name": office.name,
        "kind": choice(kind, office.get_kind_display()) if kind else None,
        "address": office.address,
        "opening_hours": getattr(office, "opening_hours", ""),
        "phone": office.phone,
        "email": office.email,
        "latitude": _float(getattr(office, "latitude", None)),
        "longitude": _float(getattr(office, "longitude", None)),
    }


def _float(value) -> float | None:
    return float(value) if value is not None else None


def detail(page, request) -> dict:
    where = where_to_go(page, request.GET)
    if where.error:
        raise ApiError(400, where.error)
    checklist = page.document_checklist()
    successor = None
    if page.successor_id:
        found = ProcedurePage.objects.live().public().filter(pk=page.successor_id).first()
        if found is not None:
            successor = {
                "code": found.code,
                "name": found.full_name,
                "api_url": api_url(request, f"procedures/{found.code}"),
            }
    return {
        **summary(page, request),
        "procedure_type": page.procedure_type,
        "status_since": page.status_since,
        "status_note": page.status_note,
        "decision": {"number": page.decision_number, "date": page.decision_date},
        "successor": successor,
        "applicants": refs(page.applicants.all()),
        "life_situations": refs(page.life_situations.all()),
        "competent_agencies": refs(page.competent_agencies.all()),
        "coordinating_agencies": refs(page.coordinating_agencies.all()),
        "agency_note": page.agency_note,
        "receiving_address": page.receiving_address,
        "online_url": online_link(page),
        "channels": [_channel(channel) for channel in page.channel_list],
        "documents": {
            "common": [_group(group, request) for group in checklist.common],
            "cases": [_group(group, request) for group in checklist.cases],
            "notes": [note.name for note in checklist.notes],
            "number_of_sets": page.number_of_sets,
        },
        "steps": [
            {"title": step.title, "description": step.description} for step in page.steps.all()
        ],
        "requirements": page.requirements,
        "results": page.result_lines,
        "legal_basis": [
            {
                "number": item.number,
                "title": item.title,
                "url": absolute_url(item.url, request) if item.url else None,
                "status": item.status_label,
                "warning": item.notice,
            }
            for item in legal_basis_items(page)
        ],
        "offices": {
            "commune": {"slug": where.commune.code, "name": where.commune.name}
            if where.commune
            else None,
            "offices": [_office(office) for office in where.offices],
            "commune_committee": _office(where.commune_committee)
            if where.commune_committee
            else None,
        },
    }


@router.get(
    "/procedures/{code}",
    response=responses(ProcedureDetail, 400, 404, others={301: None}),
    summary="Một thủ tục hành chính",
    description="Toàn bộ hồ sơ của thủ tục theo mã (ví dụ 1.001193): cách thức, thời hạn, "
    "phí, thành phần hồ sơ theo nhóm, trình tự, căn cứ pháp lý, nơi tiếp nhận. Mã cũ chuyển "
    f"hướng (301) sang mã mới. Tham số {COMMUNE_PARAM}=<mã xã> chọn nơi tiếp nhận của một xã.",
)
def get_procedure(
    request,
    code: str = Path(..., max_length=40, description="Mã thủ tục, ví dụ 1.001193."),
    xa: str | None = Query(
        None, pattern=r"^[0-9]{0,10}$", description="Mã xã, phường (thủ tục cấp xã)."
    ),
):
    page = (
        ProcedurePage.objects.live().public().filter(code=code[:40]).select_related("field").first()
    )
    if page is None:
        alias = ProcedureCodeAlias.objects.filter(code=code[:40]).select_related("page").first()
        if alias is not None and is_public(alias.page):
            query = request.META.get("QUERY_STRING", "")
            target = f"/api/v1/procedures/{alias.page.code}" + (f"?{query}" if query else "")
            return HttpResponsePermanentRedirect(target)
        raise ApiError(404, f"Không có thủ tục mã “{code[:40]}”.")
    return detail(page, request)
