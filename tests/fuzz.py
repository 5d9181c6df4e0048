"""A bounded fuzz run over every public URL pattern and parameter (used by tests and bench).

`public_targets()` lists one real URL per public pattern (page types, their routes, feeds,
exports, search, number lookup, documents) with the parameters that URL reads; `run()` sends
nasty values through each parameter and each path slot with Django's test client and
returns every answer that is a 5xx, an exception, or an HTML page that reflects markup
unescaped. No live server: the whole run stays in the test process.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from urllib.parse import quote

# Values that broke or could break a view: NUL and control characters, digits Python's
# isdigit() accepts but int() refuses, numbers out of range, dates that do not exist,
# markup and quotes, SQL and search-engine syntax, path tricks, and lengths.
NASTY_VALUES = [
    "\x00",
    "a\x00b",
    "1\x00",
    "\x01\x02\x1b[31m",
    "\r\nSet-Cookie: x=1",
    "\t",
    "²⁰²⁵",
    "2⁰",
    "٢٠٢٥",
    "０１",
    "½",
    "Ⅳ",
    "-1",
    "0",
    "00000",
    "+1",
    "1.5",
    "1e9",
    "0x1F",
    "NaN",
    "inf",
    "99999999999999999999999",
    "-99999999999999999999999",
    "2147483648",
    "9223372036854775808",
    "",
    " ",
    "'",
    '"',
    "' OR '1'='1",
    "1; DROP TABLE wagtailcore_page; --",
    "%",
    "_",
    "*",
    "\\",
    "%00",
    "%2e%2e%2f",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "${7*7}",
    "title:x AND",
    'NEAR("a" b)',
    "2025-13-45",
    "31/02/2025",
    "0000-00-00",
    "9999-12-31",
    "\u202eabc",
    "\ufeff",
    "\ufffd",
    "🙂",
    "Đồng Tháp",
    "null",
    "[]",
    "x" * 301,
    "ký" * 2100,
]
MARKUP = ("<script>alert(1)</script>", "<svg onload=alert(1)>")


@dataclass
class Target:
    """One URL, the parameters it reads, and its path slots as (template, real value)."""

    url: str
    params: tuple[str, ...] = ()
    slots: list[str] = field(default_factory=list)  # templates with one "{}" for a value


@dataclass
class Result:
    requests: int = 0
    server_errors: list[str] = field(default_factory=list)
    reflections: list[str] = field(default_factory=list)


# The listing convention's names (base/listing.py) and the older ones, which redirect.
SEARCH_PARAMS = (
    "q", "trang", "sap-xep", "dinh-dang", "loai-noi-dung", "tu-ngay", "den-ngay", "linh-vuc",
    "co-quan-ban-hanh", "chuyen-muc", "kind", "field", "level", "agency", "online", "type",
    "issuer", "status", "year", "category", "unit", "from", "to", "sort", "page",
)  # fmt: skip
CATALOGUE_PARAMS = (
    "linh-vuc", "co-quan", "cap", "doi-tuong", "truc-tuyen", "su-kien", "tinh-trang",
    "sap-xep", "page", "trang", "dinh-dang",
)  # fmt: skip
REGISTER_PARAMS = (
    "trang", "dinh-dang", "co-quan-ban-hanh", "tu-ngay", "den-ngay", "nam", "q", "loai",
    "co_quan", "linh_vuc", "tinh_trang", "tu_ngay", "den_ngay", "sap_xep", "page",
)  # fmt: skip
INSPECTION_PARAMS = ("nam", "don-vi", "nhom", "trang-thai", "tinh-trang", "trang", "dinh-dang")


def public_targets() -> list[Target]:
    """One real URL per public pattern, from the content in the database."""
    from wagtail.documents import get_document_model

    from agencies.models import Agency
    from inspections.models import InspectionIndexPage, InspectionPage, InspectionPlanPage
    from legal_documents.models import (
        ExpiredDocumentListPage,
        LegalDocumentIndexPage,
        LegalDocumentPage,
    )
    from news.models import NewsIndexPage, NewsPage
    from procedures_catalog.models import ProcedureIndexPage, ProcedurePage

    targets = [
        Target("/", ("q", "page")),
        Target("/tim-kiem/", SEARCH_PARAMS),
        Target("/tim-kiem/goi-y/", ("q", "kind")),
        Target("/tim-kiem/xuat.csv", SEARCH_PARAMS),
        Target("/tim-kiem/feed/", SEARCH_PARAMS),
        Target("/sitemap.xml", ("p", "page")),
        Target("/robots.txt"),
        Target("/khong-co-trang-nay/", ("q",), ["/{}/"]),
    ]

    procedures = ProcedureIndexPage.objects.live().first()
    procedure = ProcedurePage.objects.live().first()
    if procedures and procedure:
        base = procedures.url
        agency = Agency.objects.exclude(slug="").first()
        targets += [
            Target(base, CATALOGUE_PARAMS),
            Target("/thu-tuc/xuat.csv", CATALOGUE_PARAMS),
            Target("/thu-tuc/xuat.json", CATALOGUE_PARAMS),
            Target(
                f"{base}{procedure.code}/",
                ("xem", "in", "print", "thay-the"),
                [base + "{}/", base + "{}/in/"],
            ),
            Target(f"{base}{procedure.code}/in/", ("page",)),
        ]
        if procedure.field is not None:
            targets.append(
                Target(
                    f"{base}linh-vuc/{procedure.field.slug}/",
                    CATALOGUE_PARAMS,
                    [base + "linh-vuc/{}/"],
                )
            )
        if agency is not None:
            targets.append(
                Target(f"{base}co-quan/{agency.slug}/", CATALOGUE_PARAMS, [base + "co-quan/{}/"])
            )
        situation = procedure.life_situations.first()
        if situation is not None:
            targets.append(Target(f"{base}su-kien/{situation.slug}/", CATALOGUE_PARAMS,
                                  [base + "su-kien/{}/"]))  # fmt: skip

    register = LegalDocumentIndexPage.objects.live().first()
    document = LegalDocumentPage.objects.live().first()
    if register and document:
        base = register.url
        targets += [
            Target(base, REGISTER_PARAMS),
            Target(document.url, ("page",)),
            Target(f"{base}het-hieu-luc/", ("nam", "page"), [base + "het-hieu-luc/{}/"]),
            Target("/van-ban/so/", ("so",), ["/van-ban/so/{}/"]),
            Target("/van-ban/feed/moi.atom", ("page",)),
            Target("/van-ban/feed/moi.rss", ("page",)),
            Target("/van-ban/feed/het-hieu-luc.atom", ()),
            Target("/van-ban/feed/het-hieu-luc.rss", ()),
        ]
        yearly = ExpiredDocumentListPage.objects.live().first()
        if yearly is not None:
            targets.append(Target(yearly.url, ("page", "nhom")))

    news = NewsIndexPage.objects.live().first()
    article = NewsPage.objects.live().first()
    if news and article:
        base = news.url
        category = article.categories.first() if hasattr(article, "categories") else None
        targets += [
            Target(base, ("page",), [base + "{}/", base + "2025/{}/", base + "the/{}/"]),
            Target(f"{base}rss/", ()),
            Target(f"{base}atom/", ()),
            Target(article.url, ("page",)),
        ]
        if category is not None:
            slug = getattr(category, "slug", "")
            targets += [
                Target(f"{base}chuyen-muc/{slug}/", ("page",), [base + "chuyen-muc/{}/"]),
                Target(f"{base}chuyen-muc/{slug}/rss/", ()),
            ]

    inspections = InspectionIndexPage.objects.live().first()
    if inspections:
        base = inspections.url
        targets += [
            Target(base, INSPECTION_PARAMS),
            Target(f"{base}khac-phuc/", INSPECTION_PARAMS),
            Target(f"{base}don-vi/", INSPECTION_PARAMS, [base + "don-vi/{}/"]),
        ]
        for model in (InspectionPlanPage, InspectionPage):
            page = model.objects.live().first()
            if page is not None:
                targets.append(Target(page.url, INSPECTION_PARAMS))

    # The public API (/api/v1/): the lists' parameter names, JSON answers.
    targets += [
        Target("/du-lieu-mo/api/", ()),
        Target("/api/v1/procedures", CATALOGUE_PARAMS, ["/api/v1/procedures/{}"]),
        Target("/api/v1/legal-documents", (*REGISTER_PARAMS, "so"), ["/api/v1/legal-documents/{}"]),
        Target(
            "/api/v1/expired-documents/2025", ("nhom", "trang"), ["/api/v1/expired-documents/{}"]
        ),
        Target("/api/v1/news", ("chuyen-muc", "nam", "thang", "trang"), ["/api/v1/news/{}"]),
        Target("/api/v1/inspections", ("nam", "trang"), ["/api/v1/inspections/{}"]),
        Target("/api/v1/remedies", INSPECTION_PARAMS),
        Target("/api/v1/statistics", ("ky", "sap-xep"), ["/api/v1/statistics/agencies/{}"]),
    ]
    if procedure is not None:
        targets.append(Target(f"/api/v1/procedures/{procedure.code}", ("xa",)))

    document_file = get_document_model().objects.first()
    if document_file is not None:
        targets.append(Target(document_file.url, (), [f"/documents/{document_file.pk}/{{}}"]))
        targets.append(Target("/documents/0/x.pdf", (), ["/documents/{}/x.pdf"]))
    return targets


def _content(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _check(result: Result, client, url: str, data: dict | None, label: str) -> None:
    result.requests += 1
    try:
        response = client.get(url, data or {})
        body = _content(response)
    except Exception as error:
        result.server_errors.append(f"{label}: {type(error).__name__}: {error}"[:300])
        return
    if response.status_code >= 500:
        result.server_errors.append(f"{label}: {response.status_code}")
        return
    if "html" in response.get("Content-Type", ""):
        for markup in MARKUP:
            if markup.encode() in body:
                result.reflections.append(f"{label}: reflects {markup!r} unescaped")


def run(client, targets: list[Target] | None = None) -> Result:
    """Every nasty value through every parameter of every target, and through each path slot.

    Each (target, parameter) pair gets every value once; values are rotated across pairs so
    that each combination of value and position is tried somewhere while the run stays
    bounded (about two to three thousand requests).
    """
    result = Result()
    targets = targets if targets is not None else public_targets()
    values = itertools.cycle(NASTY_VALUES)
    per_param = 8
    for target in targets:
        for name in target.params:
            for _ in range(per_param):
                value = next(values)
                _check(result, client, target.url, {name: value}, f"{target.url}?{name}={value!r}")
        # All parameters at once with the markup payload, and a parameter nobody reads.
        _check(result, client, target.url, dict.fromkeys(target.params, MARKUP[1]), target.url)
        _check(result, client, target.url, {"khong-co": "\x00"}, target.url + "?khong-co")
        for slot in target.slots:
            for value in NASTY_VALUES:
                path = slot.format(quote(value, safe=""))
                _check(result, client, path, None, f"{slot} <- {value!r}")
    return result
