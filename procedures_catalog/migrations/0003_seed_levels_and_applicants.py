"""Seed the fixed levels (cấp thực hiện) and the national catalogue's applicant types."""

from django.db import migrations

LEVELS = [
    ("cap_bo", "Cấp bộ", "cap-bo", False),
    ("cap_tinh", "Cấp tỉnh", "cap-tinh", False),
    ("cap_xa", "Cấp xã", "cap-xa", False),
    ("cap_huyen", "Cấp huyện", "cap-huyen", True),
    ("co_quan_khac", "Cơ quan khác", "co-quan-khac", False),
]
APPLICANTS = [
    ("Công dân Việt Nam", "cong-dan-viet-nam"),
    ("Người Việt Nam định cư ở nước ngoài", "nguoi-viet-nam-dinh-cu-o-nuoc-ngoai"),
    ("Người nước ngoài", "nguoi-nuoc-ngoai"),
    ("Cán bộ, công chức, viên chức", "can-bo-cong-chuc-vien-chuc"),
    ("Doanh nghiệp", "doanh-nghiep"),
    ("Doanh nghiệp Việt Nam", "doanh-nghiep-viet-nam"),
    ("Doanh nghiệp có vốn đầu tư nước ngoài", "doanh-nghiep-co-von-dau-tu-nuoc-ngoai"),
    ("Hợp tác xã", "hop-tac-xa"),
    ("Tổ chức (không bao gồm doanh nghiệp, HTX)", "to-chuc"),
    ("Tổ chức nước ngoài", "to-chuc-nuoc-ngoai"),
]


def seed(apps, schema_editor):
    Level = apps.get_model("procedures_catalog", "Level")
    ApplicantType = apps.get_model("procedures_catalog", "ApplicantType")
    for order, (code, name, slug, historical) in enumerate(LEVELS):
        Level.objects.update_or_create(
            code=code,
            defaults={"name": name, "slug": slug, "is_historical": historical, "sort_order": order},
        )
    for order, (name, slug) in enumerate(APPLICANTS):
        ApplicantType.objects.get_or_create(
            name=name, defaults={"slug": slug, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("procedures_catalog", "0002_applicanttype_field_level_lifesituation_and_more")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
