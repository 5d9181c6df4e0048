"""Demo reform plan and periodic reports, as data (`demo_data/plan.json`, `reports.jsonl`).

The plan is this year's, its deadlines counted from the day the demo is loaded, so that it
always has tasks in every status: done, ongoing, not started and overdue. The two quarterly
reports cover quarters of the demo statistics (`reform_statistics/demo_data`) and show them
through statistics blocks; their numbers are never in the data.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.utils import timezone

from agencies.models import Agency
from home.demo import upsert_child
from legal_documents.models import DocumentType, Issuer, LegalDocumentIndexPage, LegalDocumentPage
from news.models import NewsPage
from reform_plans.models import PlanIndexPage, PlanPage, PlanTask, ReportIndexPage, ReportPage

DATA = Path(__file__).resolve().parent / "demo_data"


def _plan_document(home, spec: dict, year: int):
    index = LegalDocumentIndexPage.objects.child_of(home).first()
    if index is None:
        return None
    return upsert_child(
        index,
        LegalDocumentPage,
        spec["slug"],
        title=spec["title"].format(year=year),
        number=spec["number"],
        document_type=DocumentType.named(spec["type"]),
        issuer=Issuer.named(spec["issuer"]),
        summary=spec["title"].format(year=year),
        issued_on=datetime.date.fromisoformat(spec["issued"].format(year=year)),
        effective_on=datetime.date.fromisoformat(spec["issued"].format(year=year)),
        year=year,
    )


def _evidence(kind: str | None, document, reports):
    if kind == "legal-document":
        return document
    if kind == "news":
        return NewsPage.objects.live().order_by("-date").first()
    if kind == "report":
        return reports[-1] if reports else None
    return None


def _reports(index) -> list[ReportPage]:
    pages = []
    for line in (DATA / "reports.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        spec = json.loads(line)
        body = []
        for block in spec["body"]:
            if block["type"] == "statistics" and block["value"].get("agency"):
                agency = Agency.objects.filter(name=block["value"]["agency"]).first()
                block = {
                    "type": "statistics",
                    "value": {**block["value"], "agency": agency.pk if agency else None},
                }
            body.append(block)
        pages.append(
            upsert_child(
                index,
                ReportPage,
                spec["slug"],
                title=spec["title"],
                kind=spec["kind"],
                year=spec["year"],
                number=spec["number"],
                published_on=datetime.date.fromisoformat(spec["published_on"]),
                summary=spec["summary"],
                body=json.dumps(body),
            )
        )
    return pages


def load(home, out) -> None:
    plans = PlanIndexPage.objects.child_of(home).first()
    reports_index = ReportIndexPage.objects.child_of(home).first()
    if plans is None or reports_index is None:
        out.write(
            "Kế hoạch, báo cáo CCHC: không có trang /ke-hoach-cchc/ hoặc /bao-cao-cchc/, bỏ qua."
        )
        return
    reports = _reports(reports_index)
    today = timezone.localdate()
    spec = json.loads((DATA / "plan.json").read_text(encoding="utf-8"))
    document = _plan_document(home, spec["document"], today.year)
    agencies = {
        a.name: a for a in Agency.objects.filter(name__in={t["unit"] for t in spec["tasks"]})
    }
    tasks = []
    for task in spec["tasks"]:
        completed = task.get("completed_days")
        tasks.append(
            PlanTask(
                title=task["title"],
                area=task["area"],
                responsible_agency=agencies.get(task["unit"]),
                deadline=today + datetime.timedelta(days=task["deadline_days"]),
                status=task["status"],
                progress=task.get("progress", 0),
                completed_on=today + datetime.timedelta(days=completed)
                if completed is not None
                else None,
                evidence_page=_evidence(task.get("evidence"), document, reports),
                evidence_url=task.get("evidence_url", ""),
                evidence_note=task.get("evidence_note", ""),
            )
        )
    upsert_child(
        plans,
        PlanPage,
        spec["slug"],
        title=spec["title"].format(year=today.year),
        year=today.year,
        plan_document=document,
        intro=spec["intro"],
        tasks=tasks,
    )
    overdue = sum(task.is_overdue(today) for task in tasks)
    out.write(
        f"Kế hoạch CCHC mẫu: {len(tasks)} nhiệm vụ ({overdue} quá hạn); {len(reports)} báo cáo quý."
    )
