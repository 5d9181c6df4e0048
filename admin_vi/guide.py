"""The editor's guide: what it says about each role, and the view that shows it in the admin.

The roles' names come from home.roles, so renaming a group there cannot leave the guide
describing a role that no longer exists (tests check every role is described).
"""

from django.template.response import TemplateResponse
from wagtail.admin.ui.components import Component

from home import roles

# What each role may do, in the words the guide uses (keep in step with home/roles.py and the
# README's roles table).
ROLE_DESCRIPTIONS = {
    roles.NEWS_EDITORS: [
        "Tạo và sửa tin bài, kết quả kiểm tra, kế hoạch kiểm tra.",
        "Quản lý chuyên mục tin và nhóm nội dung kiểm tra.",
        "Tải lên hình ảnh, tài liệu; gửi duyệt. Không tự xuất bản được.",
    ],
    roles.PROCEDURE_EDITORS: [
        "Tạo và sửa thủ tục hành chính.",
        "Quản lý lĩnh vực, cấp thực hiện, đối tượng thực hiện, sự kiện trong đời sống,"
        " mã thủ tục cũ và cơ quan.",
        "Tải lên hình ảnh, tài liệu (mẫu đơn, tờ khai); gửi duyệt. Không tự xuất bản được.",
    ],
    roles.LEGAL_DOCUMENT_EDITORS: [
        "Tạo và sửa văn bản, danh mục văn bản hết hiệu lực hằng năm.",
        "Quản lý loại văn bản, cơ quan ban hành, lĩnh vực văn bản.",
        "Tải lên tệp văn bản; gửi duyệt. Không tự xuất bản được.",
    ],
    roles.REVIEWERS: [
        "Xem xét nội dung được gửi duyệt: duyệt (xuất bản) hoặc yêu cầu chỉnh sửa kèm ý kiến.",
        "Sửa, xuất bản, ngừng xuất bản, khóa và mở khóa mọi trang.",
    ],
    roles.SITE_ADMINISTRATORS: [
        "Mọi việc của người duyệt, và xóa trang.",
        "Quản lý mọi danh mục dùng chung, hình ảnh, tài liệu, chuyển hướng.",
        "Quản lý người dùng và cài đặt cổng thông tin (tên tỉnh, địa chỉ bộ phận một cửa,"
        " liên kết chân trang).",
    ],
}


def role_rows(user):
    """(role, what it may do, whether the user has it), in the order home.roles lists them."""
    own = set(user.groups.values_list("name", flat=True))
    return [(role.name, ROLE_DESCRIPTIONS[role.name], role.name in own) for role in roles.ROLES]


def editor_guide(request):
    return TemplateResponse(
        request,
        "admin_vi/editor_guide.html",
        {
            "page_title": "Hướng dẫn biên tập",
            "header_icon": "help",
            "role_rows": role_rows(request.user),
            "is_superuser": request.user.is_superuser,
        },
    )


class EditorGuidePanel(Component):
    """First panel on the dashboard: where the guide is and what the usual tasks are."""

    name = "editor_guide"
    order = 10
    template_name = "admin_vi/editor_guide_panel.html"
