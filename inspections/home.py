"""What the home page shows of this section (see home/sections.py)."""

from django.db.models import Count

from base.visibility import public_q
from home.sections import HomeItem
from inspections.models import InspectionPage

LATEST_INSPECTIONS = 4


def home_context(request) -> dict:
    inspections = (
        InspectionPage.objects.filter(public_q())
        .annotate(remedy_count=Count("remedies"))
        .order_by("-start_date", "-pk")[:LATEST_INSPECTIONS]
    )
    return {
        "latest_inspections": [
            HomeItem(
                title=inspection.title,
                url=inspection.get_url(request),
                date=inspection.start_date,
                meta=f"{inspection.remedy_count} yêu cầu khắc phục",
                count=inspection.remedy_count,
            )
            for inspection in inspections
        ],
    }
