"""What the home page shows of this section (see home/sections.py)."""

from django.db.models import Count, Q

from base.collation import VietnameseCollate
from base.visibility import public_q
from home.sections import HomeItem
from procedures_catalog.choices import ENDED_STATUSES

# Procedures citizens look for most often, by code (civil status, residence, business).
POPULAR_CODES = ["1.001193", "1.000894", "1.004194", "2.000720", "1.013225", "1.004873"]


def home_context(request) -> dict:
    from procedures_catalog.models import Field, LifeSituation, ProcedureIndexPage, ProcedurePage

    index = ProcedureIndexPage.objects.live().first()
    if index is None:
        return {"procedure_fields": [], "life_situations": [], "popular_procedures": []}
    base = index.url
    in_force = public_q("procedures__") & ~Q(procedures__status__in=ENDED_STATUSES)
    fields = (
        Field.objects.annotate(n=Count("procedures", filter=in_force))
        .filter(n__gt=0)
        .order_by("-n", VietnameseCollate("name"))[:12]
    )
    situations = (
        LifeSituation.objects.annotate(n=Count("procedures", filter=in_force))
        .filter(n__gt=0)
        .order_by(VietnameseCollate("name"))[:8]
    )
    popular = (
        ProcedurePage.objects.filter(public_q())
        .filter(code__in=POPULAR_CODES)
        .only("title", "code")
    )
    popular = sorted(popular, key=lambda p: POPULAR_CODES.index(p.code))
    return {
        "procedure_fields": [
            HomeItem(title=f.name, url=f"{base}linh-vuc/{f.slug}/", count=f.n) for f in fields
        ],
        "life_situations": [
            HomeItem(title=s.name, url=f"{base}su-kien/{s.slug}/", meta=f"{s.n} thủ tục", count=s.n)
            for s in situations
        ],
        "popular_procedures": [
            HomeItem(title=p.title, url=f"{base}{p.code}/", meta=f"Mã {p.code}") for p in popular
        ],
    }
