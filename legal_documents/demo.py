"""Demo content of the register: national documents the procedures rest on, decisions of the
Đồng Tháp People's Committee written for the demo, relations in both directions, documents in
every status, and the yearly list of expired documents (58 expired in whole, 31 in part, as in
a list a province published in 2020). Idempotent: documents are keyed by their slug.
The documents, their relations and the subjects of the yearly list's documents are data,
`demo_data/register.json`; Python keeps what is generated (the 89 listed documents, the
yearly list, the registry entries of numbers the procedures cite).

Runs after procedures_catalog.demo: every number a demo procedure cites gets a register entry,
so procedure pages link to it, and those resting on replaced or expired documents warn.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

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

DEMO_FILE = Path(__file__).resolve().parent / "demo_data" / "register.json"


def demo_data(today_: datetime.date) -> dict:
    """register.json with its dates read: ISO dates, or "today+N" / "today-N" (days) for
    documents that must stay upcoming or recent whenever the demo is loaded."""
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    for document in [*data["national"], *data["provincial"]]:
        for key in ("issued", "effective", "expires"):
            document[key] = _date(document.get(key), today_)
        for event in document.get("events", []):
            event["date"] = _date(event["date"], today_)
    return data


def _date(value: str | None, today_: datetime.date) -> datetime.date | None:
    if not value:
        return None
    if value.startswith("today"):
        return today_ + datetime.timedelta(days=int(value[len("today") :]))
    return datetime.date.fromisoformat(value)


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


def _list_documents(index, subjects: list[str], fields: list[str]) -> tuple[list, list]:
    """89 provincial documents named by the yearly list: 58 whole, 31 in part."""
    whole, part = [], []
    for position in range(WHOLE_COUNT + PART_COUNT):
        year = 2012 + position % 10
        number = f"{10 + position}/{year}/QĐ-UBND"
        subject = subjects[position % len(subjects)]
        field = fields[position % len(fields)]
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
    data = demo_data(now)
    pages: dict[str, LegalDocumentPage] = {}
    for item in data["national"]:
        pages[item["slug"]] = _document(
            index,
            item["slug"],
            item["number"],
            item["type"],
            item["issuer"],
            item["title"],
            item["issued"],
            item["effective"],
            None,
            item["fields"],
        )
    for item in data["provincial"]:
        pages[item["slug"]] = _document(
            index,
            item["slug"],
            item["number"],
            item["type"],
            PROVINCE,
            item["title"],
            item["issued"],
            item["effective"],
            item["expires"],
            item["fields"],
            signer="Trần Văn Minh",
            signer_title="Chủ tịch",
            events=item.get("events", []),
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
    relations = [
        (r["source"], RelationKind(r["kind"]), r["target"], r["part"]) for r in data["relations"]
    ]
    sources = _set_relations(pages, relations)

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

    whole, part = _list_documents(index, data["list_subjects"], data["list_fields"])
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
