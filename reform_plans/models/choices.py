"""The section's fixed vocabularies: reform areas, task statuses, report kinds, URL slugs."""

from django.db import models

from base.deadlines import DONE


class ReformArea(models.TextChoices):
    """The six areas of the state administrative reform programme; values are URL slugs."""

    INSTITUTIONS = "the-che", "Cải cách thể chế"
    PROCEDURES = "thu-tuc-hanh-chinh", "Cải cách thủ tục hành chính"
    ORGANISATION = "to-chuc-bo-may", "Cải cách tổ chức bộ máy"
    CIVIL_SERVICE = "che-do-cong-vu", "Cải cách chế độ công vụ"
    PUBLIC_FINANCE = "tai-chinh-cong", "Cải cách tài chính công"
    DIGITAL_GOVERNMENT = (
        "chinh-quyen-so",
        "Xây dựng chính quyền điện tử, chính quyền số",
    )


class TaskStatus(models.TextChoices):
    """The stored status. "Quá hạn" (overdue) is never stored: it follows from the deadline
    by the rule of `base.deadlines`, the same as the remedies tracker's."""

    NOT_STARTED = "open", "Chưa thực hiện"
    ONGOING = "in_progress", "Đang thực hiện"
    DONE = DONE, "Đã hoàn thành"


class TaskFilterStatus(models.TextChoices):
    """The statuses a reader filters tasks by, as they appear in the URL (as the tracker's)."""

    NOT_STARTED = "chua-thuc-hien", "Chưa thực hiện"
    ONGOING = "dang-thuc-hien", "Đang thực hiện"
    DONE = "hoan-thanh", "Đã hoàn thành"
    OVERDUE = "qua-han", "Quá hạn"


STORED_FOR_FILTER = {
    TaskFilterStatus.NOT_STARTED: TaskStatus.NOT_STARTED,
    TaskFilterStatus.ONGOING: TaskStatus.ONGOING,
    TaskFilterStatus.DONE: TaskStatus.DONE,
}
OVERDUE_LABEL = TaskFilterStatus.OVERDUE.label
STATUS_BADGES = {
    TaskStatus.NOT_STARTED: "warn",
    TaskStatus.ONGOING: "",
    TaskStatus.DONE: "ok",
    "overdue": "danger",
}


class ReportKind(models.TextChoices):
    """Kinds of periodic report; values are URL slugs."""

    QUARTERLY = "quy", "Báo cáo quý"
    SIX_MONTHLY = "6-thang", "Báo cáo 6 tháng"
    YEARLY = "nam", "Báo cáo năm"
