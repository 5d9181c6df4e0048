"""The fixed vocabularies of a procedure record, in one place (DESIGN.md glossary)."""

from django.db import models


class ProcedureLevel(models.TextChoices):
    """Cấp thực hiện. Cấp huyện survives only in content older than 1 July 2025."""

    MINISTRY = "cap_bo", "Cấp bộ"
    PROVINCE = "cap_tinh", "Cấp tỉnh"
    COMMUNE = "cap_xa", "Cấp xã"
    DISTRICT = "cap_huyen", "Cấp huyện"
    OTHER = "co_quan_khac", "Cơ quan khác"


class ProcedureStatus(models.TextChoices):
    IN_FORCE = "in_force", "Đang áp dụng"
    AMENDED = "amended", "Đã sửa đổi, bổ sung"
    ABOLISHED = "abolished", "Đã bãi bỏ"
    REPLACED = "replaced", "Đã được thay thế"
    SUSPENDED = "suspended", "Tạm ngừng áp dụng"


# Statuses of procedures a citizen can no longer file: no "apply" or "print" call for them.
ENDED_STATUSES = (ProcedureStatus.ABOLISHED, ProcedureStatus.REPLACED, ProcedureStatus.SUSPENDED)

# What happened, in a sentence's words: "Thủ tục này đã bị bãi bỏ từ ngày ...".
STATUS_EVENTS = {
    ProcedureStatus.ABOLISHED: "đã bị bãi bỏ",
    ProcedureStatus.REPLACED: "đã được thay thế",
    ProcedureStatus.SUSPENDED: "đang tạm ngừng áp dụng",
}


class DocumentGroup(models.TextChoices):
    """Who brings a document: every applicant, only those in one case, or nobody (a note).

    The national catalogue mixes real alternatives ("Trường hợp trẻ bị bỏ rơi:") with headings
    every applicant follows ("Giấy tờ phải xuất trình:") and remarks that are not documents
    ("Lưu ý:"); the page must tell them apart, so the model does.
    """

    COMMON = "chung", "Mọi người nộp hồ sơ đều cần"
    CASE = "truong_hop", "Chỉ trong một trường hợp"
    NOTE = "luu_y", "Lưu ý (không phải giấy tờ)"


class OnlineLevel(models.TextChoices):
    """Dịch vụ công trực tuyến: Decree 42/2022/NĐ-CP levels, and the older mức độ 1-4."""

    NONE = "", "Không có dịch vụ trực tuyến"
    FULL = "toan_trinh", "Trực tuyến toàn trình"
    PARTIAL = "mot_phan", "Trực tuyến một phần"
    LEVEL_1 = "muc_1", "Mức độ 1 (cũ)"
    LEVEL_2 = "muc_2", "Mức độ 2 (cũ)"
    LEVEL_3 = "muc_3", "Mức độ 3 (cũ)"
    LEVEL_4 = "muc_4", "Mức độ 4 (cũ)"


# The value used in URLs for "no online service" (the stored value is the empty string).
ONLINE_NONE_PARAM = "khong"


class ChannelMode(models.TextChoices):
    """Cách thức thực hiện."""

    IN_PERSON = "truc_tiep", "Trực tiếp"
    ONLINE = "truc_tuyen", "Trực tuyến"
    POST = "buu_chinh", "Dịch vụ bưu chính"


class TimeUnit(models.TextChoices):
    WORKING_DAYS = "ngay_lam_viec", "ngày làm việc"
    DAYS = "ngay", "ngày"
    HOURS = "gio", "giờ"
    WORKING_HOURS = "gio_lam_viec", "giờ làm việc"
    MONTHS = "thang", "tháng"
    YEARS = "nam", "năm"


class Currency(models.TextChoices):
    VND = "VND", "đồng"
    USD = "USD", "USD"
