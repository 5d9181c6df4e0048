"""Pages and records of the inspections section (kiểm tra cải cách hành chính)."""

from inspections.models.choices import FindingKind, RemedyStatus, TrackerStatus
from inspections.models.findings import FindingCategory
from inspections.models.index import InspectionIndexPage
from inspections.models.inspection import (
    Finding,
    InspectionPage,
    InspectionTeamMember,
    Remedy,
    RemedyStatusChange,
)
from inspections.models.plan import InspectionPlanPage, PlannedInspection

__all__ = [
    "Finding",
    "FindingCategory",
    "FindingKind",
    "InspectionIndexPage",
    "InspectionPage",
    "InspectionPlanPage",
    "InspectionTeamMember",
    "PlannedInspection",
    "Remedy",
    "RemedyStatus",
    "RemedyStatusChange",
    "TrackerStatus",
]
