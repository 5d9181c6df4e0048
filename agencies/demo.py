"""Demo agencies of the province: the People's Committee, departments and the one-stop centre;
then the one-stop offices, as data (`demo_data/offices.jsonl`) through `import_offices`."""

import io
import json
from pathlib import Path

from django.core.management import call_command

from administrative_units.models import AdministrativeUnit, DivisionType
from agencies.models import Agency, AgencyKind

PROVINCIAL_AGENCIES = [
    ("Ủy ban nhân dân tỉnh Đồng Tháp", "UBND tỉnh", AgencyKind.PEOPLES_COMMITTEE),
    ("Văn phòng Ủy ban nhân dân tỉnh Đồng Tháp", "VP UBND tỉnh", AgencyKind.DEPARTMENT),
    ("Sở Nội vụ tỉnh Đồng Tháp", "Sở Nội vụ", AgencyKind.DEPARTMENT),
    ("Sở Tư pháp tỉnh Đồng Tháp", "Sở Tư pháp", AgencyKind.DEPARTMENT),
    ("Sở Tài chính tỉnh Đồng Tháp", "Sở Tài chính", AgencyKind.DEPARTMENT),
    ("Sở Xây dựng tỉnh Đồng Tháp", "Sở Xây dựng", AgencyKind.DEPARTMENT),
    ("Sở Nông nghiệp và Môi trường tỉnh Đồng Tháp", "Sở NN&MT", AgencyKind.DEPARTMENT),
    ("Sở Y tế tỉnh Đồng Tháp", "Sở Y tế", AgencyKind.DEPARTMENT),
    ("Sở Giáo dục và Đào tạo tỉnh Đồng Tháp", "Sở GD&ĐT", AgencyKind.DEPARTMENT),
    ("Sở Công Thương tỉnh Đồng Tháp", "Sở Công Thương", AgencyKind.DEPARTMENT),
    ("Công an tỉnh Đồng Tháp", "Công an tỉnh", AgencyKind.DEPARTMENT),
    (
        "Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp",
        "TTPVHCC tỉnh",
        AgencyKind.SERVICE_CENTRE,
    ),
]
OFFICES_FILE = Path(__file__).resolve().parent / "demo_data" / "offices.jsonl"
# A few communes get their own People's Committee as an agency (implementing, inspected).
DEMO_COMMUNES = 6


def load(home, out) -> None:
    province = AdministrativeUnit.objects.filter(
        division_type__in=[DivisionType.PROVINCE, DivisionType.CENTRAL_CITY], parent=None
    ).first()
    for name, short_name, kind in PROVINCIAL_AGENCIES:
        Agency.objects.update_or_create(
            name=name,
            defaults={"short_name": short_name, "kind": kind, "administrative_unit": province},
        )
    communes = AdministrativeUnit.objects.filter(parent=province, is_historical=False).order_by(
        "code"
    )[:DEMO_COMMUNES]
    for commune in communes:
        Agency.objects.update_or_create(
            name=f"Ủy ban nhân dân {commune.name}",
            defaults={
                "short_name": f"UBND {commune.name}",
                "kind": AgencyKind.PEOPLES_COMMITTEE,
                "administrative_unit": commune,
            },
        )
    out.write(f"Cơ quan: {Agency.objects.count()}.")
    # The offices file names the demo province's communes; a province loaded otherwise (another
    # code, or a test's own units) gets no demo offices rather than a failed import.
    codes = {
        str(json.loads(line)["unit_code"])
        for line in OFFICES_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    if AdministrativeUnit.objects.filter(code__in=codes).count() == len(codes):
        report = io.StringIO()
        call_command("import_offices", str(OFFICES_FILE), stdout=report)
        out.write(report.getvalue().strip())
    else:
        out.write("Nơi tiếp nhận hồ sơ: bỏ qua (tệp mẫu dành cho đơn vị hành chính của tỉnh mẫu).")
