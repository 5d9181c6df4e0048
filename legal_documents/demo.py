"""Demo content of the register: national documents the procedures rest on, decisions of the
Đồng Tháp People's Committee written for the demo, relations in both directions, documents in
every status, and the yearly list of expired documents (58 expired in whole, 31 in part, as in
a list a province published in 2020). Idempotent: documents are keyed by their slug.

Runs after procedures_catalog.demo: every number a demo procedure cites gets a register entry,
so procedure pages link to it, and those resting on replaced or expired documents warn.
"""

from __future__ import annotations

import datetime

from home.demo import publish, upsert_child
from legal_documents.history import refresh_statuses, sync_list_changes, sync_relation_changes
from legal_documents.models import (
    DocumentRelation,
    DocumentType,
    ExpiredDocumentListPage,
    ExpiredListEntry,
    HistoryEvent,
    Issuer,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalField,
    ListGroup,
    RelationKind,
    year_from_number,
)
from legal_documents.models.choices import EventKind
from legal_documents.models.vocabularies import STANDARD_TYPES
from legal_documents.status import today

D = datetime.date
PROVINCE = "UBND tỉnh Đồng Tháp"

# National documents: (slug, number, type, issuer, title, issued, effective, fields)
NATIONAL = [
    (
        "quyet-dinh-766-qd-ttg",
        "766/QĐ-TTg",
        "Quyết định",
        "Thủ tướng Chính phủ",
        "Quyết định phê duyệt Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ "
        "người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời "
        "gian thực trên môi trường điện tử",
        D(2022, 6, 23),
        D(2022, 6, 23),
        [],
    ),
    (
        "luat-ho-tich-60-2014-qh13",
        "60/2014/QH13",
        "Luật",
        "Quốc hội",
        "Luật Hộ tịch",
        D(2014, 11, 20),
        D(2016, 1, 1),
        ["Hộ tịch"],
    ),
    (
        "nghi-dinh-123-2015-nd-cp",
        "123/2015/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
        D(2015, 11, 15),
        D(2016, 1, 1),
        ["Hộ tịch"],
    ),
    (
        "thong-tu-04-2020-tt-btp",
        "04/2020/TT-BTP",
        "Thông tư",
        "Bộ Tư pháp",
        "Thông tư quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định "
        "123/2015/NĐ-CP",
        D(2020, 5, 28),
        D(2020, 7, 16),
        ["Hộ tịch"],
    ),
    (
        "nghi-dinh-61-2018-nd-cp",
        "61/2018/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        "Nghị định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục "
        "hành chính",
        D(2018, 4, 23),
        D(2018, 6, 21),
        ["Kiểm soát thủ tục hành chính"],
    ),
    (
        "nghi-dinh-107-2021-nd-cp",
        "107/2021/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        "Nghị định sửa đổi, bổ sung một số điều của Nghị định 61/2018/NĐ-CP",
        D(2021, 12, 6),
        D(2022, 1, 20),
        ["Kiểm soát thủ tục hành chính"],
    ),
    (
        "nghi-dinh-42-2022-nd-cp",
        "42/2022/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        "Nghị định quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan "
        "nhà nước trên môi trường mạng",
        D(2022, 6, 24),
        D(2022, 8, 1),
        ["Kiểm soát thủ tục hành chính"],
    ),
    (
        "nghi-dinh-118-2025-nd-cp",
        "118/2025/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        "Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại "
        "Bộ phận Một cửa và Cổng Dịch vụ công quốc gia",
        D(2025, 6, 9),
        D(2025, 7, 1),
        ["Kiểm soát thủ tục hành chính"],
    ),
]

NATIONAL += [
    (
        "thong-tu-15-2015-tt-btp",
        "15/2015/TT-BTP",
        "Thông tư",
        "Bộ Tư pháp",
        "Thông tư hướng dẫn thi hành một số điều của Luật Hộ tịch và Nghị định 123/2015/NĐ-CP",
        D(2015, 11, 16),
        D(2016, 1, 1),
        ["Hộ tịch"],
    ),
    (
        "nghi-dinh-23-2015-nd-cp",
        "23/2015/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        "Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký "
        "và chứng thực hợp đồng, giao dịch",
        D(2015, 2, 16),
        D(2015, 4, 10),
        ["Chứng thực"],
    ),
    (
        "thong-tu-01-2020-tt-btp",
        "01/2020/TT-BTP",
        "Thông tư",
        "Bộ Tư pháp",
        "Thông tư quy định chi tiết một số điều và biện pháp thi hành Nghị định 23/2015/NĐ-CP",
        D(2020, 3, 3),
        D(2020, 4, 20),
        ["Chứng thực"],
    ),
]

# (source slug, kind, target slug, part)
NATIONAL_RELATIONS = [
    ("thong-tu-04-2020-tt-btp", RelationKind.REPLACES, "thong-tu-15-2015-tt-btp", ""),
    ("thong-tu-01-2020-tt-btp", RelationKind.GUIDES, "nghi-dinh-23-2015-nd-cp", ""),
    ("nghi-dinh-123-2015-nd-cp", RelationKind.GUIDES, "luat-ho-tich-60-2014-qh13", ""),
    ("thong-tu-04-2020-tt-btp", RelationKind.GUIDES, "luat-ho-tich-60-2014-qh13", ""),
    ("thong-tu-04-2020-tt-btp", RelationKind.GUIDES, "nghi-dinh-123-2015-nd-cp", ""),
    ("nghi-dinh-107-2021-nd-cp", RelationKind.AMENDS, "nghi-dinh-61-2018-nd-cp", ""),
    ("nghi-dinh-118-2025-nd-cp", RelationKind.REPLACES, "nghi-dinh-61-2018-nd-cp", ""),
    ("nghi-dinh-118-2025-nd-cp", RelationKind.REPLACES, "nghi-dinh-107-2021-nd-cp", ""),
]


def _provincial(today_: datetime.date):
    """Decisions of the province written for the demo, one or more in each status."""
    upcoming = today_ + datetime.timedelta(days=45)
    return [
        (
            "qd-57-qd-ubnd-2020",
            "57/QĐ-UBND",
            "Quyết định",
            "Quyết định công bố danh mục thủ tục hành chính lĩnh vực hộ tịch thuộc thẩm quyền "
            "giải quyết của UBND cấp xã trên địa bàn tỉnh Đồng Tháp",
            D(2020, 1, 10),
            D(2020, 1, 10),
            D(2025, 1, 1),
            ["Hộ tịch"],
            {},
        ),
        (
            "qd-12-qd-ubnd-2025",
            "12/QĐ-UBND",
            "Quyết định",
            "Quyết định phê duyệt quy trình nội bộ giải quyết thủ tục hành chính lĩnh vực đất đai",
            D(2025, 7, 8),
            D(2025, 7, 8),
            None,
            ["Đất đai"],
            {},
        ),
        # (slug, number, type, title, issued, effective, expires, fields, extra)
        (
            "qd-22-2020-qd-ubnd",
            "22/2020/QĐ-UBND",
            "Quyết định",
            "Quy chế tổ chức và hoạt động của Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp",
            D(2020, 8, 3),
            D(2020, 8, 15),
            None,
            ["Kiểm soát thủ tục hành chính"],
            {},
        ),
        (
            "qd-09-2023-qd-ubnd",
            "09/2023/QĐ-UBND",
            "Quyết định",
            "Quy định tiếp nhận hồ sơ và trả kết quả giải quyết thủ tục hành chính qua dịch vụ "
            "bưu chính công ích trên địa bàn tỉnh",
            D(2023, 3, 10),
            D(2023, 3, 25),
            None,
            ["Kiểm soát thủ tục hành chính"],
            {},
        ),
        (
            "qd-31-2025-qd-ubnd",
            "31/2025/QĐ-UBND",
            "Quyết định",
            "Quy chế tổ chức và hoạt động của Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp "
            "sau sắp xếp đơn vị hành chính",
            D(2025, 7, 28),
            D(2025, 8, 8),
            None,
            ["Kiểm soát thủ tục hành chính"],
            {},
        ),
        (
            "qd-14-2021-qd-ubnd",
            "14/2021/QĐ-UBND",
            "Quyết định",
            "Quy định mức thu lệ phí đăng ký hộ tịch trên địa bàn tỉnh Đồng Tháp",
            D(2021, 6, 1),
            D(2021, 6, 15),
            None,
            ["Hộ tịch"],
            {},
        ),
        (
            "qd-18-2022-qd-ubnd",
            "18/2022/QĐ-UBND",
            "Quyết định",
            "Quy định về quản lý, vận hành Hệ thống thông tin giải quyết thủ tục hành chính tỉnh",
            D(2022, 9, 5),
            D(2022, 9, 20),
            None,
            ["Kiểm soát thủ tục hành chính"],
            {
                "events": [
                    {
                        "kind": EventKind.SUSPENDED,
                        "date": D(2025, 9, 1),
                        "note": "Tạm ngưng để rà soát sau khi chuyển sang hệ thống dùng chung",
                    },
                ]
            },
        ),
        (
            "qd-05-2024-qd-ubnd",
            "05/2024/QĐ-UBND",
            "Quyết định",
            "Quy định chế độ hỗ trợ cán bộ, công chức làm việc tại Bộ phận Một cửa các cấp",
            D(2024, 2, 1),
            D(2024, 2, 15),
            None,
            ["Tổ chức bộ máy"],
            {
                "events": [
                    {
                        "kind": EventKind.PARTLY_SUSPENDED,
                        "date": D(2025, 7, 1),
                        "part": "Khoản 2 Điều 4 (mức hỗ trợ cấp huyện)",
                        "note": "Cấp huyện kết thúc hoạt động từ ngày 01/07/2025",
                    },
                ]
            },
        ),
        (
            "qd-40-2026-qd-ubnd",
            "40/2026/QĐ-UBND",
            "Quyết định",
            "Quy định số hóa hồ sơ, kết quả giải quyết thủ tục hành chính trên địa bàn tỉnh",
            today_ - datetime.timedelta(days=10),
            upcoming,
            None,
            ["Kiểm soát thủ tục hành chính"],
            {},
        ),
        (
            "kh-210-kh-ubnd-2025",
            "210/KH-UBND",
            "Kế hoạch",
            "Kế hoạch cải cách hành chính tỉnh Đồng Tháp năm 2026",
            D(2025, 12, 18),
            D(2025, 12, 18),
            D(2027, 1, 1),
            ["Cải cách hành chính"],
            {},
        ),
        (
            "cv-186-ubnd-nc-2025",
            "186/UBND-NC",
            "Công văn",
            "Về việc đôn đốc triển khai Kế hoạch cải cách hành chính năm 2026",
            D(2026, 2, 4),
            D(2026, 2, 4),
            None,
            ["Cải cách hành chính"],
            {},
        ),
    ]


PROVINCIAL_RELATIONS = [
    ("qd-31-2025-qd-ubnd", RelationKind.REPLACES, "qd-22-2020-qd-ubnd", ""),
    ("qd-31-2025-qd-ubnd", RelationKind.BASED_ON, "nghi-dinh-118-2025-nd-cp", ""),
    ("qd-22-2020-qd-ubnd", RelationKind.BASED_ON, "nghi-dinh-61-2018-nd-cp", ""),
    ("qd-09-2023-qd-ubnd", RelationKind.BASED_ON, "nghi-dinh-61-2018-nd-cp", ""),
    ("qd-14-2021-qd-ubnd", RelationKind.BASED_ON, "luat-ho-tich-60-2014-qh13", ""),
    ("qd-40-2026-qd-ubnd", RelationKind.BASED_ON, "nghi-dinh-42-2022-nd-cp", ""),
    ("qd-40-2026-qd-ubnd", RelationKind.REPEALS, "qd-09-2023-qd-ubnd", "Điều 7 và Điều 8"),
    ("cv-186-ubnd-nc-2025", RelationKind.GUIDES, "kh-210-kh-ubnd-2025", ""),
]

# Subjects of the provincial documents named by the yearly list (short, written by us).
LIST_SUBJECTS = [
    "Quy định phân cấp quản lý",
    "Quy chế phối hợp quản lý nhà nước",
    "Quy định mức thu phí",
    "Quy định hỗ trợ",
    "Quy chế quản lý",
    "Quy định trình tự thủ tục",
]
LIST_FIELDS = [
    "giá đất",
    "chợ",
    "cụm công nghiệp",
    "bến thủy nội địa",
    "nước sạch nông thôn",
    "lưu trữ",
    "thi đua, khen thưởng",
    "an toàn thực phẩm",
    "khoáng sản",
    "đê điều",
]
LIST_YEAR = 2025
WHOLE_COUNT, PART_COUNT = 58, 31


def _vocab(model, name):
    return model.named(name) if name else None


def _document(
    index,
    slug,
    number,
    type_name,
    issuer,
    title,
    issued,
    effective,
    expires=None,
    fields=(),
    **extra,
):
    fields_objects = [LegalField.named(name) for name in fields]
    event_values = extra.pop("events", [])
    values = {
        "title": title,
        "number": number,
        "document_type": _vocab(DocumentType, type_name),
        "issuer": _vocab(Issuer, issuer),
        "summary": extra.pop("summary", title),
        "issued_on": issued,
        "effective_on": effective,
        "expires_on": expires,
        "year": issued.year if issued else year_from_number(number),
        "signer": extra.pop("signer", ""),
        "signer_title": extra.pop("signer_title", ""),
        **extra,
    }
    existing = index.get_children().filter(slug=slug).first()
    if existing is not None:
        page = existing.specific
        current_events = list(page.events.all())
        same_events = len(current_events) == len(event_values) and all(
            all(getattr(e, k) == v for k, v in event.items())
            for e, event in zip(current_events, event_values, strict=True)
        )
        unchanged = (
            page.live
            and same_events
            and all(getattr(page, name) == value for name, value in values.items())
        )
        if unchanged and {f.pk for f in page.fields.all()} == {f.pk for f in fields_objects}:
            return page  # nothing to publish: re-running the demo stays fast
    events = [HistoryEvent(**event) for event in event_values]
    page = upsert_child(index, LegalDocumentPage, slug, events=events, **values)
    if {f.pk for f in page.fields.all()} != {f.pk for f in fields_objects}:
        page.fields.set(fields_objects)
        publish(page)
    return page


def _set_relations(pages: dict[str, LegalDocumentPage], relations) -> set[LegalDocumentPage]:
    wanted: dict[str, list] = {}
    for source, kind, target, part in relations:
        wanted.setdefault(source, []).append((kind, pages[target], part))
    changed = set()
    for source, rows in wanted.items():
        page = pages[source]
        current = sorted((r.kind, r.target_id, r.part) for r in page.relations.all())
        if current != sorted((k, t.pk, p) for k, t, p in rows):
            page.relations = [DocumentRelation(kind=k, target=t, part=p) for k, t, p in rows]
            publish(page)
        changed.add(page)
    return changed


def list_date(position: int) -> datetime.date:
    """The date the yearly list gives for its entry at `position`."""
    return D(LIST_YEAR, 1 + position % 12, 1 if position < WHOLE_COUNT else 15)


def list_part(position: int) -> str:
    return f"Điều {3 + position % 6}"


def _list_documents(index) -> tuple[list, list]:
    """89 provincial documents named by the yearly list: 58 whole, 31 in part."""
    whole, part = [], []
    for position in range(WHOLE_COUNT + PART_COUNT):
        year = 2012 + position % 10
        number = f"{10 + position}/{year}/QĐ-UBND"
        subject = LIST_SUBJECTS[position % len(LIST_SUBJECTS)]
        field = LIST_FIELDS[position % len(LIST_FIELDS)]
        title = f"{subject} về {field} trên địa bàn tỉnh"
        issued = D(year, 1 + position % 12, 1 + position % 27)
        slug = f"qd-{10 + position}-{year}-qd-ubnd"
        # Each document's own record agrees with the list, except a few kept on purpose so
        # that the yearly page has disagreements to show editors.
        expires, events = None, []
        if position < WHOLE_COUNT:
            expires = list_date(position)
            if position == 4:
                expires = D(LIST_YEAR, 3, 15)  # the list will say another date
            elif position == 7:
                expires = None  # the list names it, its record says nothing
        elif position != WHOLE_COUNT + 2:
            events = [
                {
                    "kind": EventKind.PARTLY_EXPIRED,
                    "date": list_date(position),
                    "part": list_part(position),
                }
            ]
        page = _document(
            index,
            slug,
            number,
            "Quyết định",
            PROVINCE,
            title,
            issued,
            issued + datetime.timedelta(days=10),
            expires,
            events=events,
        )
        (whole if position < WHOLE_COUNT else part).append(page)
    return whole, part


def _yearly_list(index, whole, part, decision) -> ExpiredDocumentListPage:
    entries = []
    for position, document in enumerate(whole):
        date = list_date(position)
        entries.append(
            ExpiredListEntry(
                group=ListGroup.EXPIRED_WHOLE,
                document=document,
                date=date,
                reason="Được thay thế bằng văn bản mới"
                if position % 3
                else "Hết thời hạn có hiệu lực đã được quy định trong văn bản",
            )
        )
    for position, document in enumerate(part):
        entries.append(
            ExpiredListEntry(
                group=ListGroup.EXPIRED_PART,
                document=document,
                date=list_date(WHOLE_COUNT + position),
                part=list_part(WHOLE_COUNT + position),
                reason="Bị bãi bỏ bởi quyết định sửa đổi, bổ sung của UBND tỉnh",
            )
        )
    slug = f"danh-muc-het-hieu-luc-{LIST_YEAR}"
    existing = index.get_children().filter(slug=slug).first()
    if existing is not None:
        current = existing.specific

        def shape(items):
            return [(e.group, e.document_id, e.date, e.part, e.reason) for e in items]

        if current.live and shape(current.entries.all()) == shape(entries):
            return current
    page = upsert_child(
        index,
        ExpiredDocumentListPage,
        slug,
        title=f"Danh mục văn bản hết hiệu lực, ngưng hiệu lực năm {LIST_YEAR}",
        year=LIST_YEAR,
        decision_number=decision.number,
        decision_date=decision.issued_on,
        signer="Trần Văn Minh",
        signer_title="Chủ tịch UBND tỉnh",
        decision=decision,
        intro=(
            f"<p>Danh mục do Sở Tư pháp tổng hợp, công bố kèm theo Quyết định "
            f"{decision.number}: {WHOLE_COUNT} văn bản hết hiệu lực toàn bộ và {PART_COUNT} văn "
            f"bản hết hiệu lực một phần trong năm {LIST_YEAR} của HĐND, UBND tỉnh.</p>"
        ),
        entries=entries,
    )
    return page


def _cited_numbers() -> list[tuple[str, str]]:
    """(number, title) of every legal basis cited by live demo procedures."""
    from legal_documents.procedures import procedure_models

    _, legal_basis = procedure_models()
    if legal_basis is None:
        return []
    seen: dict[str, tuple[str, str]] = {}
    for number, title, key in legal_basis.objects.filter(page__live=True).values_list(
        "number", "title", "normalized_number"
    ):
        seen.setdefault(key, (number, title))
    return list(seen.values())


def _type_from_number(number: str) -> str:
    sign = number.upper().split("/")[-1]
    for prefix, name in (
        ("NĐ", "Nghị định"),
        ("ND", "Nghị định"),
        ("TT", "Thông tư"),
        ("QĐ", "Quyết định"),
        ("QD", "Quyết định"),
        ("NQ", "Nghị quyết"),
        ("QH", "Luật"),
        ("CT", "Chỉ thị"),
        ("KH", "Kế hoạch"),
    ):
        if sign.startswith(prefix):
            return name
    return "Văn bản"


def load(home, out) -> None:
    index = LegalDocumentIndexPage.objects.child_of(home).first()
    if index is None:
        out.write("Văn bản: chưa có trang /van-ban/, bỏ qua.")
        return
    for position, name in enumerate(STANDARD_TYPES):
        document_type = DocumentType.named(name)
        if document_type.sort_order != position:
            document_type.sort_order = position
            document_type.save()
    now = today()
    pages: dict[str, LegalDocumentPage] = {}
    for slug, number, type_name, issuer, title, issued, effective, fields in NATIONAL:
        pages[slug] = _document(
            index, slug, number, type_name, issuer, title, issued, effective, None, fields
        )
    for slug, number, type_name, title, issued, effective, expires, fields, extra in _provincial(
        now
    ):
        pages[slug] = _document(
            index,
            slug,
            number,
            type_name,
            PROVINCE,
            title,
            issued,
            effective,
            expires,
            fields,
            signer="Trần Văn Minh",
            signer_title="Chủ tịch",
            **extra,
        )
    decision = _document(
        index,
        "qd-15-qd-ubnd-2026",
        "15/QĐ-UBND",
        "Quyết định",
        PROVINCE,
        f"Quyết định công bố danh mục văn bản quy phạm pháp luật hết hiệu lực, ngưng hiệu lực "
        f"toàn bộ hoặc một phần năm {LIST_YEAR}",
        D(LIST_YEAR + 1, 1, 20),
        D(LIST_YEAR + 1, 1, 20),
        None,
        ["Văn bản quy phạm pháp luật"],
    )
    sources = _set_relations(pages, NATIONAL_RELATIONS + PROVINCIAL_RELATIONS)

    # Procedures cite numbers the register must know; create the ones still missing.
    known = set(LegalDocumentPage.objects.values_list("normalized_number", flat=True))
    from search.text import normalize_document_number

    added = 0
    for number, title in _cited_numbers():
        if normalize_document_number(number) in known:
            continue
        slug = f"can-cu-{normalize_document_number(number)}".replace("/", "-").replace(".", "-")
        _document(
            index,
            slug[:80],
            number,
            _type_from_number(number),
            "",
            title or f"{_type_from_number(number)} số {number}",
            None,
            None,
        )
        known.add(normalize_document_number(number))
        added += 1

    whole, part = _list_documents(index)
    yearly = _yearly_list(index, whole, part, decision)
    for source in sources:
        sync_relation_changes(source)
    sync_list_changes(yearly)
    refresh_statuses(LegalDocumentPage.objects.values_list("pk", flat=True))
    out.write(
        f"Văn bản: {LegalDocumentPage.objects.live().count()} văn bản "
        f"({added} văn bản căn cứ của thủ tục), danh mục hết hiệu lực năm {LIST_YEAR} "
        f"với {len(whole)} văn bản hết hiệu lực toàn bộ và {len(part)} một phần."
    )
