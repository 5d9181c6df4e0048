"""Models of the reform plans and periodic reports section (one module per concept)."""

from reform_plans.models.choices import ReformArea, ReportKind, TaskFilterStatus, TaskStatus
from reform_plans.models.plans import PlanIndexPage, PlanPage, PlanTask
from reform_plans.models.reports import ReportIndexPage, ReportPage

__all__ = [
    "PlanIndexPage",
    "PlanPage",
    "PlanTask",
    "ReformArea",
    "ReportIndexPage",
    "ReportKind",
    "ReportPage",
    "TaskFilterStatus",
    "TaskStatus",
]
