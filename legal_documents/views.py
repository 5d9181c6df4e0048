"""Views of the register, served as routes of the register's index page (/van-ban/...)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse

from legal_documents.filters import RegisterFilterForm
from legal_documents.history import refresh_stale_statuses
from legal_documents.models import LegalDocumentPage
from legal_documents.yearly import available_years, expired_in_year
from search.text import normalize_document_number

PER_PAGE = 20
_YEAR_SEGMENT = re.compile(r"/(?:19|20)\d\d/")


def _is_editor(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def register(request, index_page):
    refresh_stale_statuses()
    form = RegisterFilterForm(request.GET)
    documents = (
        LegalDocumentPage.objects.live()
        .public()
        .descendant_of(index_page)
        .select_related("document_type", "issuer")
    )
    status = 200
    if form.is_valid():
        documents = form.filter(documents)
    else:
        documents = documents.none()
        status = 400
    paginator = Paginator(documents, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    state = [(k, v) for k, v in request.GET.items() if k != "page" and v]
    context = index_page.get_context(request)
    context.update(
        {
            "form": form,
            "page_obj": page_obj,
            "documents": page_obj.object_list,
            "query_string": urlencode(state) + "&" if state else "",
            "filtered": bool(state),
            "years": available_years()[:6],
        }
    )
    return TemplateResponse(
        request, "legal_documents/legal_document_index_page.html", context, status=status
    )


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
            LegalDocumentPage.objects.live()
            .public()
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
            LegalDocumentPage.objects.live()
            .public()
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
        LegalDocumentPage.objects.live()
        .public()
        .filter(normalized_number__startswith=f"{first}/")
        .select_related("document_type", "issuer")
        .order_by("-issued_on", "-year")[:50]
    )
    return [d for d in candidates if _YEAR_SEGMENT.sub("/", d.normalized_number) == key][:20]


def expired_year(request, index_page, year: int | None):
    years = available_years()
    if year is None and years:
        subpage = index_page.reverse_subpage("expired_year_view", kwargs={"year": years[0]})
        return HttpResponseRedirect(index_page.url + subpage)
    context = index_page.get_context(request)
    status = 200
    if year is not None and not 1945 <= year <= 2100:
        status = 400
        rows = []
        context["message"] = "Năm không hợp lệ."
    else:
        rows = expired_in_year(year) if year else []
    context.update(
        {
            "year": year,
            "years": years,
            "rows": rows,
            "show_flags": _is_editor(request),
            "crumbs": [(f"Hết hiệu lực năm {year}" if year else "Hết hiệu lực", "")],
            "flag_count": sum(1 for row in rows if row.flags),
        }
    )
    return TemplateResponse(request, "legal_documents/expired_year.html", context, status=status)
