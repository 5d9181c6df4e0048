"""Models of the legal documents register (one module per concept)."""

from legal_documents.models.choices import (
    EventKind,
    ListGroup,
    RelationKind,
    ValidityStatus,
)
from legal_documents.models.documents import (
    DocumentFile,
    DocumentRelation,
    HistoryEvent,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    RecordedChange,
    year_from_number,
)
from legal_documents.models.expired_lists import ExpiredDocumentListPage, ExpiredListEntry
from legal_documents.models.vocabularies import DocumentType, Issuer, LegalField

__all__ = [
    "DocumentFile",
    "DocumentRelation",
    "DocumentType",
    "EventKind",
    "ExpiredDocumentListPage",
    "ExpiredListEntry",
    "HistoryEvent",
    "Issuer",
    "LegalDocumentIndexPage",
    "LegalDocumentPage",
    "LegalField",
    "ListGroup",
    "RecordedChange",
    "RelationKind",
    "ValidityStatus",
    "year_from_number",
]
