"""Models of the procedure catalogue: vocabularies (snippets) and pages with their inlines."""

from procedures_catalog.models.pages import (
    ProcedureChannel,
    ProcedureCodeAlias,
    ProcedureIndexPage,
    ProcedureLegalBasis,
    ProcedurePage,
    ProcedureStep,
    RequiredDocument,
    slug_for_code,
)
from procedures_catalog.models.vocabularies import ApplicantType, Field, Level, LifeSituation

__all__ = [
    "ApplicantType",
    "Field",
    "Level",
    "LifeSituation",
    "ProcedureChannel",
    "ProcedureCodeAlias",
    "ProcedureIndexPage",
    "ProcedureLegalBasis",
    "ProcedurePage",
    "ProcedureStep",
    "RequiredDocument",
    "slug_for_code",
]
