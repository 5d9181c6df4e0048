"""The section's fixed vocabularies: kinds of finding, remedy statuses and their URL names."""

from django.db import models

from base.deadlines import DONE


class FindingKind(models.TextChoices):
    STRENGTH = "strength", "Ưu điểm"
    SHORTCOMING = "shortcoming", "Hạn chế"


class RemedyStatus(models.TextChoices):
    """The stored status. "Quá hạn" (overdue) is never stored: it follows from the deadline."""

    OPEN = "open", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = DONE, "Đã hoàn thành"


class TrackerStatus(models.TextChoices):
    """The statuses a reader filters remedies by, as they appear in the tracker's URL."""

    OPEN = "chua-thuc-hien", "Chưa thực hiện"
    IN_PROGRESS = "dang-thuc-hien", "Đang thực hiện"
    DONE = "hoan-thanh", "Đã hoàn thành"
    OVERDUE = "qua-han", "Quá hạn"


OVERDUE_LABEL = TrackerStatus.OVERDUE.label

# Badge colour (a portal.css class) for each status a reader sees.
STATUS_BADGES = {
    RemedyStatus.OPEN: "warn",
    RemedyStatus.IN_PROGRESS: "",
    RemedyStatus.DONE: "ok",
    "overdue": "danger",
}
