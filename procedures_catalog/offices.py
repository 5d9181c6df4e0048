"""Where to go: the offices that receive a procedure's dossiers, and its page online.

Commune-level procedures are received by the commune where the person lives: they pick their
commune (`?xa=<commune code>`, a plain GET form) and see its one-stop office where editors have
entered one, else the commune People's Committee. Province-level procedures are received by the
provincial centre (Trung tâm Phục vụ hành chính công). A procedure at both levels shows both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings

from administrative_units.models import PROVINCE_TYPES, AdministrativeUnit
from agencies.models import Agency, AgencyKind, OfficeKind, OneStopOffice
from base.cache import shared
from procedures_catalog.choices import ProcedureLevel
from search.text import fold

COMMUNE_PARAM = "xa"
COMMUNE_LEVELS = {ProcedureLevel.COMMUNE, ProcedureLevel.DISTRICT}
PROVINCE_LEVELS = {ProcedureLevel.PROVINCE}

NATIONAL_PORTAL = "https://dichvucong.gov.vn/"
# The national portal's own page of one procedure: /thu-tuc-hanh-chinh/<uuid>. Its address is
# an identifier of the portal's, not the procedure code, so only a record that carries it (the
# crawl's source_url, or an editor's online_url) can link there.
NATIONAL_PROCEDURE_URL = re.compile(
    r"^https://dichvucong\.gov\.vn/thu-tuc-hanh-chinh/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}"
    r"-[0-9a-f]{4}-[0-9a-f]{12}/?$"
)


def online_link(page) -> str:
    """The procedure's own page for filing online, or "" when none is known.

    An editor's `online_url` wins unless it is only a portal's home page; else the national
    portal's page of this procedure when the record carries it.
    """
    url = (page.online_url or "").strip()
    if url and url.rstrip("/").count("/") > 2:  # more than "https://host"
        return url
    source = (page.source_url or "").strip()
    if NATIONAL_PROCEDURE_URL.match(source):
        return source
    return ""


def province_unit() -> AdministrativeUnit | None:
    # The same for every page and visitor: from Django's cache, renewed when units change.
    return shared("province-unit", _province_unit)


def _province_unit() -> AdministrativeUnit | None:
    units = AdministrativeUnit.objects.filter(
        division_type__in=PROVINCE_TYPES, parent=None, is_historical=False
    )
    return (
        units.filter(code=str(settings.PORTAL_PROVINCE_CODE)).first()
        or units.order_by("code").first()
    )


def current_communes(province: AdministrativeUnit | None) -> list[AdministrativeUnit]:
    if province is None:
        return []

    def load():
        communes = AdministrativeUnit.objects.filter(parent=province, is_historical=False).only(
            "pk", "code", "name", "division_type"
        )
        return sorted(communes, key=lambda unit: (fold(unit.name), unit.name))

    return shared(f"communes:{province.pk}", load)


@dataclass
class CommuneCommittee:
    """The fallback for a commune with no one-stop office entered: its People's Committee."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class WhereToGo:
    commune_level: bool = False
    province_level: bool = False
    communes: list[AdministrativeUnit] = field(default_factory=list)
    commune: AdministrativeUnit | None = None
    commune_offices: list[OneStopOffice] = field(default_factory=list)
    commune_committee: CommuneCommittee | None = None
    provincial_offices: list[OneStopOffice] = field(default_factory=list)
    error: str = ""

    @property
    def offices(self) -> list[OneStopOffice]:
        """Every office shown, for the printed checklist."""
        return [*self.commune_offices, *self.provincial_offices]


def where_to_go(page, params) -> WhereToGo:
    """The offices for `page`, with the commune chosen in `params` (a QueryDict)."""
    level_codes = {level.code for level in page.terms["levels"]}
    result = WhereToGo(
        commune_level=bool(level_codes & COMMUNE_LEVELS),
        province_level=bool(level_codes & PROVINCE_LEVELS),
    )
    if not (result.commune_level or result.province_level):
        return result
    province = province_unit()
    if result.province_level:
        result.provincial_offices = list(
            OneStopOffice.objects.filter(kind=OfficeKind.PROVINCIAL_CENTRE).order_by("name")
        )
    if not result.commune_level:
        return result
    result.communes = current_communes(province)
    raw = params.get(COMMUNE_PARAM, "").strip()
    if not raw:
        return result
    commune = next((unit for unit in result.communes if unit.code == raw), None)
    if commune is None:
        result.error = (
            f"Không có xã, phường mã “{raw[:20]}” trong danh sách của tỉnh; hãy chọn lại ở dưới."
        )
        return result
    result.commune = commune
    result.commune_offices = list(
        OneStopOffice.objects.filter(administrative_unit=commune)
        .exclude(kind=OfficeKind.PROVINCIAL_CENTRE)
        .order_by("kind", "name")
    )
    if not result.commune_offices:
        agency = (
            Agency.objects.filter(
                administrative_unit=commune,
                kind=AgencyKind.PEOPLES_COMMITTEE,
                is_historical=False,
            )
            .order_by("name")
            .first()
        )
        if agency is not None:
            result.commune_committee = CommuneCommittee(
                agency.name, agency.address, agency.phone, agency.email
            )
        else:
            result.commune_committee = CommuneCommittee(f"Ủy ban nhân dân {commune.name}")
    return result
