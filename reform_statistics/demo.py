"""Demo statistics, our own plausible figures (not real results):

- dossier statistics of the demo province's agencies over eight quarters, as data
  (`demo_data/dossier_statistics.csv`) through the importer;
- per-commune figures of the communes' one-stop offices over the same quarters, made here from
  a fixed formula (the communes depend on the province loaded) and fed to the same importer;
- PAR Index, SIPAS and 766 results over several years (`demo_data/indices.json`).
"""

import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from agencies.models import Agency, AgencyKind
from reform_statistics.importing import import_rows, import_statistics
from reform_statistics.models import IndexComponent, IndexKind, IndexScore, PeriodKind

DATA = Path(__file__).resolve().parent / "demo_data"
STATISTICS_FILE = DATA / "dossier_statistics.csv"
INDICES_FILE = DATA / "indices.json"
QUARTERS = [(year, quarter) for year in (2024, 2025) for quarter in (1, 2, 3, 4)]
SOURCE = "Số liệu mẫu của cổng (không phải số liệu thật)"


def commune_rows() -> list[tuple[int, dict[str, str]]]:
    """Eight quarters for each commune People's Committee: more filed online and fewer late
    dossiers quarter after quarter, each commune at its own size and pace."""
    communes = Agency.objects.filter(
        kind=AgencyKind.PEOPLES_COMMITTEE, administrative_unit__parent__isnull=False
    ).select_related("administrative_unit")
    rows, line = [], 1
    for position, agency in enumerate(communes.order_by("administrative_unit__code")):
        size = 420 + 135 * position
        for step, (year, quarter) in enumerate(QUARTERS):
            received = size + 23 * step + (37 if quarter == 4 else 0)
            online = received * (34 + 5 * step + position) // 100
            post = 2 + (position + step) % 4
            in_person = received - online - post
            in_progress = received * 9 // 100
            late = max(0, 14 - step - position + (6 if position == 2 else 0))
            in_progress_late = (position + step) % 3
            resolved_on_time = received - in_progress - late
            line += 1
            rows.append(
                (
                    line,
                    {
                        "co_quan": agency.name,
                        "loai_ky": "quy",
                        "nam": str(year),
                        "ky": str(quarter),
                        "ma_xa": agency.administrative_unit.code,
                        "tiep_nhan_truc_tiep": str(in_person),
                        "tiep_nhan_truc_tuyen": str(online),
                        "tiep_nhan_buu_chinh": str(post),
                        "giai_quyet_dung_han": str(resolved_on_time),
                        "giai_quyet_tre_han": str(late),
                        "dang_giai_quyet_trong_han": str(in_progress - in_progress_late),
                        "dang_giai_quyet_qua_han": str(in_progress_late),
                        "tra_lai_rut_ho_so": str((position + step) % 5),
                        "thu_xin_loi": str(late + in_progress_late),
                        "nguon": SOURCE,
                    },
                )
            )
    return rows


def _score(results, components, kind, year, number, period_kind, total, source, **extra):
    from legal_documents.models import LegalDocumentPage

    document = None
    if kind == IndexKind.SERVICE:
        document = LegalDocumentPage.objects.filter(number="766/QĐ-TTg", live=True).first()
    result, _ = IndexScore.objects.update_or_create(
        index=kind,
        period_kind=period_kind,
        year=year,
        number=number,
        defaults={
            "score": Decimal(str(total)).quantize(Decimal("0.01")),
            "source_document": document,
            "source_note": "" if document else source,
            **extra,
        },
    )
    IndexComponent.objects.filter(result=result).delete()
    for order, (name, score, max_score) in enumerate(components):
        IndexComponent.objects.create(
            result=result,
            sort_order=order,
            name=name,
            score=Decimal(str(score)),
            max_score=None if max_score is None else Decimal(str(max_score)),
        )
    results.append(result)


@transaction.atomic
def load_indices() -> list[IndexScore]:
    data = json.loads(INDICES_FILE.read_text(encoding="utf-8"))
    results: list[IndexScore] = []
    par = data["par"]
    for entry in par["results"]:
        parts = [
            (name, score, most)
            for (name, most), score in zip(par["components"], entry["scores"], strict=True)
        ]
        total = round(sum(entry["scores"]), 2)
        _score(
            results, parts, IndexKind.PAR, entry["year"], 1, PeriodKind.YEAR, total,
            entry["source"], rank=entry["rank"], ranked_count=entry["of"],
        )  # fmt: skip
    for entry in data["sipas"]["results"]:
        parts = [(name, score, None) for name, score in entry["groups"]]
        _score(
            results, parts, IndexKind.SIPAS, entry["year"], 1, PeriodKind.YEAR,
            entry["score"], entry["source"],
        )  # fmt: skip
    service = data["phuc_vu"]
    for entry in service["results"]:
        parts = [
            (name, score, most)
            for (name, most), score in zip(service["groups"], entry["scores"], strict=True)
        ]
        _score(
            results, parts, IndexKind.SERVICE, entry["year"], entry["number"], entry["kind"],
            round(sum(entry["scores"]), 2), "Kết quả đánh giá trên Cổng Dịch vụ công quốc gia",
        )  # fmt: skip
    return results


def load(home, out) -> None:
    result = import_statistics(STATISTICS_FILE)
    if result.errors:
        # The file names the demo province's agencies; another province has none of them.
        out.write(f"Số liệu thống kê mẫu: bỏ qua ({result.errors[0]}).")
    else:
        out.write(
            f"Số liệu thống kê mẫu: {result.created} dòng mới, {result.updated} dòng cập nhật."
        )
    communes = import_rows(commune_rows())
    if communes.errors:
        out.write(f"Số liệu theo xã, phường: bỏ qua ({communes.errors[0]}).")
    else:
        out.write(f"Số liệu theo xã, phường: {communes.created + communes.updated} dòng.")
    results = load_indices()
    out.write(f"Chỉ số CCHC, SIPAS, 766 mẫu: {len(results)} kết quả.")
