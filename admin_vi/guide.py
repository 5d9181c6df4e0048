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
        "Tạo và sửa tin bài, kết quả kiểm tra, kế hoạch kiểm tra; gửi duyệt."
        " Không tự xuất bản được.",
        "Xem và chọn chuyên mục tin, nhóm nội dung kiểm tra; chỉ người duyệt mới thêm hoặc sửa.",
        "Tải hình ảnh, tài liệu vào bộ sưu tập “Tệp chờ duyệt”; chỉ sửa, xóa tệp của mình ở đó."
        " Khi trang được duyệt, tệp chuyển sang “Tệp chính thức”.",
        "Xem và xử lý góp ý của người đọc về các trang của mục mình (mục “Góp ý của người đọc”).",
    ],
    roles.PROCEDURE_EDITORS: [
        "Tạo và sửa thủ tục hành chính; gửi duyệt. Không tự xuất bản được.",
        "Xem và chọn lĩnh vực, cơ quan, nơi tiếp nhận hồ sơ và các danh mục khác;"
        " chỉ người duyệt mới thêm hoặc sửa.",
        "Tải mẫu đơn, tờ khai vào “Tệp chờ duyệt”; chỉ sửa, xóa tệp của mình ở đó.",
        "Xem và xử lý góp ý của người đọc về các trang của mục mình (mục “Góp ý của người đọc”).",
    ],
    roles.LEGAL_DOCUMENT_EDITORS: [
        "Tạo và sửa văn bản, danh mục văn bản hết hiệu lực hằng năm; gửi duyệt."
        " Không tự xuất bản được.",
        "Xem và chọn loại văn bản, cơ quan ban hành, lĩnh vực văn bản;"
        " chỉ người duyệt mới thêm hoặc sửa.",
        "Tải tệp văn bản vào “Tệp chờ duyệt”; chỉ sửa, xóa tệp của mình ở đó.",
        "Xem và xử lý góp ý của người đọc về các trang của mục mình (mục “Góp ý của người đọc”).",
    ],
    roles.STATISTICS_EDITORS: [
        "Nhập, sửa số liệu giải quyết hồ sơ và kết quả chỉ số theo kỳ (mục “Thống kê CCHC”);"
        " lưu bản nháp rồi gửi duyệt. Số liệu chỉ công bố khi người duyệt đồng ý;"
        " không tự xuất bản, không xóa được.",
        "Số liệu đã công bố giữ nguyên cơ quan và kỳ: nhầm kỳ thì thêm dòng mới đúng kỳ"
        " và nhờ người duyệt xóa dòng sai.",
        "Tỷ lệ đúng hạn, tỷ lệ trực tuyến do cổng tự tính, không nhập tay.",
        "Nhập cả tệp CSV, XLSX theo mẫu (mục “Nhập số liệu từ tệp”); tệp chờ người duyệt"
        " duyệt rồi mới công bố.",
        "Xem và chọn cơ quan, xã, phường; không sửa trang nào.",
        "Xem và xử lý góp ý của người đọc về trang số liệu thống kê.",
    ],
    roles.REVIEWERS: [
        "Xem xét nội dung được gửi duyệt: duyệt (xuất bản) hoặc yêu cầu chỉnh sửa kèm ý kiến.",
        "Sửa, xuất bản, ngừng xuất bản, khóa và mở khóa mọi trang.",
        "Thêm, sửa, xóa các danh mục dùng chung và tệp trong “Tệp chính thức”.",
        "Duyệt, xuất bản, ngừng xuất bản, xóa số liệu thống kê; duyệt các lô số liệu nhập từ"
        " tệp (có thư báo khi có lô mới).",
        "Xem và xử lý góp ý của người đọc về mọi mục, và về trang chủ.",
    ],
    roles.SITE_ADMINISTRATORS: [
        "Mọi việc của người duyệt, và xóa trang.",
        "Quản lý chuyển hướng, người dùng (trừ tài khoản quản trị tối cao) và cài đặt cổng"
        " thông tin (tên tỉnh, địa chỉ bộ phận một cửa, liên kết chân trang).",
        "Xóa góp ý của người đọc (ví dụ thư rác lọt qua, hoặc khi người gửi yêu cầu xóa).",
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
