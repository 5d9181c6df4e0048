"""Reform results as data: dossier statistics, their import batches, and the yearly indices."""

from reform_statistics.models.batches import BatchStatus, ImportBatch
from reform_statistics.models.dossiers import (
    COUNT_FIELDS,
    PERIOD_COUNT,
    ROMAN,
    AgencyStatistics,
    DossierCounts,
    DossierStatistics,
    PeriodKind,
    Totals,
    mixed_scope_message,
    period_bounds,
    period_label,
    rate,
)
from reform_statistics.models.indices import IndexComponent, IndexKind, IndexScore

__all__ = [
    "COUNT_FIELDS",
    "PERIOD_COUNT",
    "ROMAN",
    "AgencyStatistics",
    "BatchStatus",
    "DossierCounts",
    "DossierStatistics",
    "ImportBatch",
    "IndexComponent",
    "IndexKind",
    "IndexScore",
    "PeriodKind",
    "Totals",
    "mixed_scope_message",
    "period_bounds",
    "period_label",
    "rate",
]
