from django import template

from reform_statistics.formatting import vn_number, vn_percent

register = template.Library()
register.filter("vn_number", vn_number)
register.filter("vn_percent", vn_percent)


@register.simple_tag
def agencies_with_statistics(agencies) -> set[int]:
    """The pks of those `agencies` that have published dossier statistics (one query for the
    list), for the "Số liệu giải quyết hồ sơ" link beside an agency on a procedure page."""
    from reform_statistics.models import DossierStatistics

    pks = [agency.pk for agency in agencies]
    if not pks:
        return set()
    return set(
        DossierStatistics.objects.live()
        .filter(agency_id__in=pks)
        .values_list("agency_id", flat=True)
        .distinct()
    )
