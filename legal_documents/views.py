"""Views of the register, served as routes of the register's index page (/van-ban/...)."""

from __future__ import annotations

import re

from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse

from base.listing import Listing, legacy_redirect
from base.public_url import absolute_url
from base.visibility import public_q
from legal_documents.filters import OLD_NAMES, RegisterFilterForm
from legal_documents.history import refresh_stale_statuses
from legal_documents.models import LegalDocumentPage
from legal_documents.models.choices import ListGroup
from legal_documents.yearly import WHOLE_EVENTS, WHOLE_GROUPS, available_years, expired_in_year
from search.text import normalize_document_number

PER_PAGE = 20
_YEAR_SEGMENT = re.compile(r"/(?:19|20)\d\d/")


def register(request, index_page):
    """The register, filtered, or the same list as CSV/JSON, by `base.listing`'s convention."""
    redirect_response = legacy_redirect(request, OLD_NAMES)
    if redirect_response is not None:
        return redirect_response
    refresh_stale_statuses()
    listing = Listing(request)
    form = RegisterFilterForm(request.GET)
    if not form.is_valid():
        for field in form:
            for error in field.errors:
                listing.reject(f"{field.label}: {error}")
        for error in form.non_field_errors():
            listing.reject(error)
    documents = form.filter(
        LegalDocumentPage.objects.filter(public_q())
        .descendant_of(index_page)
        .select_related("document_type", "issuer")
    )
    state = form.url_state()
    if listing.format:
        return listing.export(
            register_rows(request, documents),
            REGISTER_COLUMNS,
            "van-ban",
            filters=dict(state),
            count=documents.count,
        )
    page_obj = listing.page(documents, PER_PAGE)
    context = index_page.get_context(request)
    context.update(
        {
            "form": form,
            "errors": listing.errors,
            "page_obj": page_obj,
            **listing.links(state, page_obj.number),
            "documents": page_obj.object_list,
            "filtered": bool(state),
            "active_filter_count": len([k for k, _ in state if k != "sap-xep"]),
            "years": available_years()[:6],
        }
    )
    return TemplateResponse(
        request,
        "legal_documents/legal_document_index_page.html",
        context,
        status=listing.status,
    )


REGISTER_COLUMNS = [
    ("number", "Số ký hiệu"),
    ("title", "Tên văn bản"),
    ("type", "Loại văn bản"),
    ("issuer", "Cơ quan ban hành"),
    ("issued_on", "Ngày ban hành"),
    ("effective_on", "Ngày có hiệu lực"),
    ("expires_on", "Ngày hết hiệu lực"),
    ("status", "Tình trạng hiệu lực"),
    ("relations", "Quan hệ với văn bản khác"),
    ("url", "Địa chỉ"),
]


def register_rows(request, documents):
    """One dict per document, relations read from both ends with the label seen from it."""
    from legal_documents.models import DocumentRelation
    from legal_documents.models.choices import RELATION_LABELS

    documents = list(documents)
    ids = [d.pk for d in documents]
    relations: dict[int, list[str]] = {}
    related = DocumentRelation.objects.filter(
        Q(page_id__in=ids, target__live=True) | Q(target_id__in=ids, page__live=True)
    ).select_related("page", "target")
    for relation in related:
        for own, other, label in (
            (relation.page, relation.target, RELATION_LABELS[relation.kind][0]),
            (relation.target, relation.page, RELATION_LABELS[relation.kind][1]),
        ):
            if own.pk in ids:
                part = f" ({relation.part})" if relation.part else ""
                relations.setdefault(own.pk, []).append(
                    f"{label} {other.number or other.title}{part}"
                )
    for document in documents:
        yield {
            "number": document.number,
            "title": document.title,
            "type": document.document_type.name if document.document_type_id else "",
            "issuer": document.issuer.name if document.issuer_id else "",
            "issued_on": document.issued_on,
            "effective_on": document.effective_on,
            "expires_on": document.expires_on,
            "status": document.get_status_display(),
            "relations": relations.get(document.pk, []),
            "url": absolute_url(document.url, request),
        }


def number_lookup_view(request, number: str = ""):
    from django.http import Http404

    from legal_documents.models import LegalDocumentIndexPage

    index_page = LegalDocumentIndexPage.objects.live().first()
    if index_page is None:
        raise Http404("Chưa có danh mục văn bản.")
    return number_lookup(request, index_page, number)


def number_lookup(request, index_page, number: str):
    """/van-ban/so/<number>/: forgiving lookup; one match redirects, several are listed."""
    number = (number or request.GET.get("so", "")).strip()
    context = index_page.get_context(request)
    context["page"] = index_page
    context.update(
        {"number": number, "matches": [], "message": "", "crumbs": [("Tra cứu số ký hiệu", "")]}
    )
    status = 200
    if number:
        key = normalize_document_number(number)
        matches = (
            LegalDocumentPage.objects.filter(public_q())
            .filter(normalized_number=key)
            .select_related("document_type", "issuer")
            .order_by("-issued_on", "-year")
        )
        year = request.GET.get("nam", "")
        if year.isdigit():
            matches = matches.filter(year=int(year))
        matches = list(matches)
        if len(matches) == 1:
            return HttpResponseRedirect(matches[0].url)
        if not matches:
            matches = _near_matches(key)
            context["near"] = bool(matches)
        if not matches:
            # Another shape of a number ("QĐ 57", "qd 57/2020"), read as the search does.
            matches = _any_shape_matches(number)
            if len(matches) == 1:
                return HttpResponseRedirect(matches[0].url)
        context["matches"] = matches
        if not matches:
            status = 404
            context["message"] = f"Không tìm thấy văn bản có số ký hiệu “{number}”."
    return TemplateResponse(request, "legal_documents/number_lookup.html", context, status=status)


def _any_shape_matches(number: str) -> list[LegalDocumentPage]:
    """Documents for a number typed in another shape, as the search reads it
    (search/numbers.py): "QĐ 57", "57 QD UBND", "qd 57/2020", "nghị định 123/2015"."""
    from search.numbers import NumberKey, wanted

    lookups = [w for w in wanted(number) if not w.code]
    found = []
    for want in lookups:
        candidates = (
            LegalDocumentPage.objects.filter(public_q())
            .filter(normalized_number__regex=rf"^0*{want.head}/")
            .select_related("document_type", "issuer")
            .order_by("-issued_on", "-year")[:200]
        )
        for document in candidates:
            key = NumberKey.of(document.normalized_number)
            year = document.issued_on.year if document.issued_on else document.year
            if key is not None and want.matches(key, year) and document not in found:
                found.append(document)
    return found[:20]


def _near_matches(key: str) -> list[LegalDocumentPage]:
    """Documents whose number differs from `key` only by the year written in it:
    "22/qd-ubnd" finds "22/2020/QĐ-UBND" (people often leave the year out)."""
    first = key.split("/", 1)[0]
    if not first or first == key:
        return []
    candidates = (
        LegalDocumentPage.objects.filter(public_q())
        .filter(normalized_number__startswith=f"{first}/")
        .select_related("document_type", "issuer")
        .order_by("-issued_on", "-year")[:50]
    )
    return [d for d in candidates if _YEAR_SEGMENT.sub("/", d.normalized_number) == key][:20]


GROUP_PARAMS = {group.value.replace("_", "-"): group for group in ListGroup}
YEAR_PAGE_SIZE = 30
YEAR_COLUMNS = [
    ("number", "Số ký hiệu"),
    ("title", "Tên văn bản"),
    ("extent", "Toàn bộ / một phần"),
    ("listed", "Theo danh mục"),
    ("history", "Theo lịch sử văn bản"),
    ("disagrees", "Danh mục và lịch sử không khớp"),
    ("flags", "Chỗ không khớp"),
    ("url", "Địa chỉ"),
]


def _row_groups(row) -> set[str]:
    return {entry.group for entry in row.entries}


def _row_is_whole(row) -> bool:
    """Whole when a list says so, or, for an unlisted document, when its history does."""
    if row.entries:
        return any(entry.group in WHOLE_GROUPS for entry in row.entries)
    return any(fact.kind in WHOLE_EVENTS and not fact.part for fact in row.facts)


def year_totals(rows) -> dict:
    """Totals shown above the yearly list and given with its exports."""
    by_group = {group.label: 0 for group in ListGroup}
    for row in rows:
        for group in _row_groups(row):
            by_group[ListGroup(group).label] += 1
    whole = sum(1 for row in rows if _row_is_whole(row))
    return {
        "documents": len(rows),
        "whole": whole,
        "partial": len(rows) - whole,
        "by_group": by_group,
        "only_in_history": sum(1 for row in rows if not row.entries),
        "disagreements": sum(1 for row in rows if row.flags),
    }


def _year_row_dict(request, row) -> dict:
    document = row.document
    return {
        "number": document.number,
        "title": document.title,
        "extent": "Toàn bộ" if _row_is_whole(row) else "Một phần",
        "listed": [
            f"{e.get_group_display()}{f' ({e.part})' if e.part else ''}, từ "
            f"{e.date:%d/%m/%Y} – {e.page.decision_number}"
            for e in row.entries
        ],
        "history": [
            f"{f.label}{f' ({f.part})' if f.part else ''}, từ {f.date:%d/%m/%Y}" for f in row.facts
        ],
        "disagrees": bool(row.flags),
        "flags": row.flags,
        "url": absolute_url(document.url, request),
    }


def expired_year(request, index_page, year: int | None):
    """Documents that expired or were suspended in a year: the lists joined with the
    documents' histories, totals, and each disagreement marked (see legal_documents.yearly)."""
    redirect_response = legacy_redirect(request)
    if redirect_response is not None:
        return redirect_response
    years = available_years()
    if year is None and years:
        subpage = index_page.reverse_subpage("expired_year_view", kwargs={"year": years[0]})
        return HttpResponseRedirect(index_page.url + subpage)
    listing = Listing(request)
    context = index_page.get_context(request)
    rows = []
    if year is not None and not 1945 <= year <= 2100:
        listing.reject(f"Năm {year} không hợp lệ: chọn một năm từ 1945 đến 2100.")
    elif year:
        rows = expired_in_year(year)
    group = listing.lookup("nhom", "Nhóm trong danh mục", GROUP_PARAMS.get)
    totals = year_totals(rows)
    if group is not None:
        rows = [row for row in rows if group in _row_groups(row)]
    state = {"nhom": group.value.replace("_", "-")} if group is not None else {}
    if listing.format:
        return listing.export(
            (_year_row_dict(request, row) for row in rows),
            YEAR_COLUMNS,
            f"van-ban-het-hieu-luc-{year}",
            filters={"nam": year, **state},
            count=len(rows),
            extra={"totals": totals},
        )
    page_obj = listing.page(rows, YEAR_PAGE_SIZE)
    context.update(
        {
            "year": year,
            "years": years,
            "rows": page_obj.object_list,
            "page_obj": page_obj,
            **listing.links(state, page_obj.number),
            "errors": listing.errors,
            "totals": totals,
            "groups": [(slug, g.label) for slug, g in GROUP_PARAMS.items()],
            "selected_group": group,
            "crumbs": [(f"Hết hiệu lực năm {year}" if year else "Hết hiệu lực", "")],
            "meta_description": (
                f"{totals['documents']} văn bản hết hiệu lực, ngưng hiệu lực năm {year} "
                f"({totals['whole']} toàn bộ, {totals['partial']} một phần)."
                if year
                else ""
            ),
        }
    )
    return TemplateResponse(
        request, "legal_documents/expired_year.html", context, status=listing.status
    )
