"""Small builders for tests: procedure records in our own and the crawl format, pages."""

from __future__ import annotations

import json
from pathlib import Path

from procedures_catalog.importing import ProcedureRecord, write_records


def record(code: str, name: str | None = None, **extra) -> ProcedureRecord:
    defaults = {
        "field": "Hộ tịch",
        "levels": ["cap_xa"],
        "implementing_agencies": ["Ủy ban nhân dân cấp xã"],
        "channels": [
            {
                "mode": "truc_tiep",
                "time_limit": "3",
                "time_unit": "ngay_lam_viec",
                "time_note": "",
                "fee_amount": "0",
                "currency": "VND",
                "fee_note": "",
                "description": "",
            }
        ],
        "documents": [
            {
                "case": "",
                "name": "Tờ khai theo mẫu",
                "originals": 1,
                "copies": 0,
                "required": True,
                "note": "",
                "form_name": "",
            }
        ],
        "steps": [{"title": "Bước 1", "description": "Nộp hồ sơ."}],
        "legal_basis": [{"number": "123/2015/NĐ-CP", "title": ""}],
    }
    defaults.update(extra)
    return ProcedureRecord(code=code, name=name or f"Thủ tục thử {code}", **defaults)


def make_procedures(*records: ProcedureRecord, publish: bool = True):
    write_records([(i, r) for i, r in enumerate(records, start=1)], publish=publish)
    from procedures_catalog.models import ProcedurePage

    return {p.code: p for p in ProcedurePage.objects.filter(code__in=[r.code for r in records])}


def crawl_line(code: str, **extra) -> dict:
    """A record shaped like the national catalogue crawl (../shared/data/procedures.jsonl)."""
    data = {
        "code": code,
        "name": f"Thủ tục cấp giấy phép thử nghiệm {code}",
        "field": "Hoạt động xây dựng",
        "level": "Cấp tỉnh, Cấp xã",
        "agency": "Sở Xây dựng",
        "competent_authority": "Ủy ban nhân dân cấp tỉnh",
        "ministry": "Bộ Xây dựng",
        "procedure_type": "TTHC được giao luật quy định chi tiết",
        "applicants": "Công dân Việt Nam, Tổ chức (không bao gồm doanh nghiệp, HTX), Doanh nghiệp",
        "decision_number": "57/QĐ-BXD",
        "steps": ["Bước 1: Nộp hồ sơ.", "Bước 2: Nhận kết quả."],
        "documents": [
            {
                "name": "Đơn đề nghị",
                "quantity": "1 bản chính",
                "form": "Mau 01.docx",
                "group": None,
            },
            {
                "name": "Bản vẽ thiết kế",
                "quantity": "0 bản chính,2 bản sao",
                "form": None,
                "group": "Trường hợp công trình có tầng hầm",
            },
            {
                "name": "Giấy tờ đất",
                "quantity": "20251 bản chính,1 bản sao",
                "form": None,
                "group": None,
            },
        ],
        "submission": [
            {
                "mode": "Trực tiếp",
                "time": "15 Ngày làm việc",
                "fee": "Miễn phí",
                "fee_note": None,
                "description": None,
            },
            {
                "mode": "Trực tuyến",
                "time": "1",
                "fee": "150,000 Việt Nam Đồng",
                "fee_note": "/hồ sơ",
                "description": None,
            },
            {
                "mode": "Dịch vụ bưu chính",
                "time": None,
                "fee": None,
                "fee_note": None,
                "description": "10 USD(/lần)",
            },
        ],
        "time_limit": ["15 Ngày làm việc"],
        "fees": ["Miễn phí"],
        "legal_basis": ["50/2014/QH13", "85/2024/TT-BTС", "118/2025/NĐ-C"],
        "legal_basis_raw": "",
        "requirements": "Có quyền sử dụng đất hợp pháp.",
        "results": [{"name": "Giấy phép xây dựng", "code": "KQ.1"}],
        "receiving_address": None,
        "source_url": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/x",
        "source_path": "x.json",
    }
    data.update(extra)
    return data


def write_jsonl(path: Path, lines: list) -> Path:
    path.write_text(
        "\n".join(
            line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
            for line in lines
        )
        + "\n",
        encoding="utf-8",
    )
    return path
