"""The vocabularies that are fixed by law rather than edited: validity statuses, history event
kinds, relation kinds (each with the label read from the other end) and expired-list groups."""

from django.db import models


class ValidityStatus(models.TextChoices):
    NOT_YET_IN_FORCE = "chua_hieu_luc", "Chưa có hiệu lực"
    IN_FORCE = "con_hieu_luc", "Còn hiệu lực"
    PARTLY_EXPIRED = "het_mot_phan", "Hết hiệu lực một phần"
    EXPIRED = "het_toan_bo", "Hết hiệu lực toàn bộ"
    SUSPENDED = "ngung_toan_bo", "Ngưng hiệu lực"
    PARTLY_SUSPENDED = "ngung_mot_phan", "Ngưng hiệu lực một phần"
    # Imported records often carry no date and no status: say so rather than guess.
    UNKNOWN = "chua_xac_dinh", "Chưa xác định"


# Badge colour per status (CSS classes of portal.css).
STATUS_BADGE = {
    ValidityStatus.NOT_YET_IN_FORCE: "warn",
    ValidityStatus.IN_FORCE: "ok",
    ValidityStatus.PARTLY_EXPIRED: "warn",
    ValidityStatus.EXPIRED: "danger",
    ValidityStatus.SUSPENDED: "danger",
    ValidityStatus.PARTLY_SUSPENDED: "warn",
    ValidityStatus.UNKNOWN: "",
}

# Statuses that make a procedure resting on the document need a review.
PROBLEM_STATUSES = {
    ValidityStatus.EXPIRED,
    ValidityStatus.PARTLY_EXPIRED,
    ValidityStatus.SUSPENDED,
    ValidityStatus.PARTLY_SUSPENDED,
}


class EventKind(models.TextChoices):
    ISSUED = "ban_hanh", "Ban hành"
    IN_FORCE = "co_hieu_luc", "Có hiệu lực"
    AMENDED = "sua_doi", "Được sửa đổi"
    SUPPLEMENTED = "bo_sung", "Được bổ sung"
    PARTLY_EXPIRED = "het_mot_phan", "Hết hiệu lực một phần"
    SUSPENDED = "ngung", "Ngưng hiệu lực"
    PARTLY_SUSPENDED = "ngung_mot_phan", "Ngưng hiệu lực một phần"
    REPLACED = "bi_thay_the", "Bị thay thế"
    REPEALED = "bi_bai_bo", "Bị bãi bỏ"
    EXPIRED = "het_hieu_luc", "Hết hiệu lực"


# What each event does to the validity status from its date on.
EVENT_EFFECT = {
    EventKind.IN_FORCE: ValidityStatus.IN_FORCE,
    EventKind.PARTLY_EXPIRED: ValidityStatus.PARTLY_EXPIRED,
    EventKind.SUSPENDED: ValidityStatus.SUSPENDED,
    EventKind.PARTLY_SUSPENDED: ValidityStatus.PARTLY_SUSPENDED,
    EventKind.REPLACED: ValidityStatus.EXPIRED,
    EventKind.REPEALED: ValidityStatus.EXPIRED,
    EventKind.EXPIRED: ValidityStatus.EXPIRED,
}

# Events that end or restrict validity: they feed the yearly page and the procedure warning.
ENDING_EVENTS = {
    EventKind.PARTLY_EXPIRED,
    EventKind.SUSPENDED,
    EventKind.PARTLY_SUSPENDED,
    EventKind.REPLACED,
    EventKind.REPEALED,
    EventKind.EXPIRED,
}


class RelationKind(models.TextChoices):
    AMENDS = "sua_doi", "Sửa đổi"
    SUPPLEMENTS = "bo_sung", "Bổ sung"
    REPLACES = "thay_the", "Thay thế"
    REPEALS = "bai_bo", "Bãi bỏ"
    GUIDES = "huong_dan", "Hướng dẫn"
    BASED_ON = "can_cu", "Căn cứ"


# (label on the source document, label on the target document)
RELATION_LABELS = {
    RelationKind.AMENDS: ("Sửa đổi", "Được sửa đổi bởi"),
    RelationKind.SUPPLEMENTS: ("Bổ sung", "Được bổ sung bởi"),
    RelationKind.REPLACES: ("Thay thế", "Bị thay thế bởi"),
    RelationKind.REPEALS: ("Bãi bỏ", "Bị bãi bỏ bởi"),
    RelationKind.GUIDES: ("Hướng dẫn", "Được hướng dẫn bởi"),
    RelationKind.BASED_ON: ("Căn cứ", "Là căn cứ của"),
}

# The event a relation records in the target's history: (whole, when only a part is affected).
RELATION_EVENTS = {
    RelationKind.AMENDS: (EventKind.AMENDED, EventKind.AMENDED),
    RelationKind.SUPPLEMENTS: (EventKind.SUPPLEMENTED, EventKind.SUPPLEMENTED),
    RelationKind.REPLACES: (EventKind.REPLACED, EventKind.PARTLY_EXPIRED),
    RelationKind.REPEALS: (EventKind.REPEALED, EventKind.PARTLY_EXPIRED),
}


class ListGroup(models.TextChoices):
    """The four parts of the official list form, in its order."""

    EXPIRED_WHOLE = "het_toan_bo", "Văn bản hết hiệu lực toàn bộ"
    EXPIRED_PART = "het_mot_phan", "Văn bản hết hiệu lực một phần"
    SUSPENDED_WHOLE = "ngung_toan_bo", "Văn bản ngưng hiệu lực toàn bộ"
    SUSPENDED_PART = "ngung_mot_phan", "Văn bản ngưng hiệu lực một phần"


LIST_GROUP_EVENTS = {
    ListGroup.EXPIRED_WHOLE: EventKind.EXPIRED,
    ListGroup.EXPIRED_PART: EventKind.PARTLY_EXPIRED,
    ListGroup.SUSPENDED_WHOLE: EventKind.SUSPENDED,
    ListGroup.SUSPENDED_PART: EventKind.PARTLY_SUSPENDED,
}
