"""Loads the current province and its communes from the `vietnam-provinces` package."""

from django.db import transaction
from vietnam_provinces import Province, ProvinceCode, VietNamDivisionType, Ward

from administrative_units.models import AdministrativeUnit, DivisionType

_TYPES = {
    VietNamDivisionType.TINH: DivisionType.PROVINCE,
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: DivisionType.CENTRAL_CITY,
    VietNamDivisionType.XA: DivisionType.COMMUNE,
    VietNamDivisionType.PHUONG: DivisionType.WARD,
    VietNamDivisionType.DAC_KHU: DivisionType.SPECIAL_ZONE,
}


def province_for(code: int) -> Province:
    try:
        return Province.from_code(ProvinceCode(code))
    except ValueError as error:
        raise ValueError(f"Mã tỉnh {code} không có trong danh mục hiện hành.") from error


@transaction.atomic
def load_province(code: int) -> tuple[AdministrativeUnit, int]:
    """Create or update the province `code` and all its communes; return it and the count."""
    province = province_for(code)
    province_unit, _ = AdministrativeUnit.objects.update_or_create(
        code=str(int(province.code)),
        defaults={
            "name": province.name,
            "division_type": _TYPES[province.division_type],
            "parent": None,
            "is_historical": False,
        },
    )
    count = 0
    for ward in Ward.iter_by_province(province.code):
        AdministrativeUnit.objects.update_or_create(
            code=str(int(ward.code)),
            defaults={
                "name": ward.name,
                "division_type": _TYPES[ward.division_type],
                "parent": province_unit,
                "is_historical": False,
            },
        )
        count += 1
    return province_unit, count
