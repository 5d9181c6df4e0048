"""Admin pages for statistics files: upload (checked row by row), the pending batches, the
reviewer's approve and reject actions, and the CSV template.

Upload needs `reform_statistics.add_importbatch` (statistics editors, reviewers, site
administrators); approving or rejecting needs `reform_statistics.approve_importbatch`
(reviewers and site administrators only, see home/roles.py).
"""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from base.uploads import check_document
from reform_statistics import review
from reform_statistics.importing import COLUMNS, StatisticsImportError
from reform_statistics.models import ImportBatch
from reform_statistics.notifications import APPROVE_PERMISSION

UPLOAD_PERMISSION = "reform_statistics.add_importbatch"
# One example row of the template: the demo centre's first quarter of 2025, made up.
TEMPLATE_EXAMPLE = {
    "co_quan": "Sở Tư pháp",
    "loai_ky": "quy",
    "nam": "2025",
    "ky": "1",
    "ma_xa": "",
    "tiep_nhan_truc_tiep": "1.250",
    "tiep_nhan_truc_tuyen": "830",
    "tiep_nhan_buu_chinh": "4",
    "giai_quyet_dung_han": "1.604",
    "giai_quyet_tre_han": "10",
    "dang_giai_quyet_trong_han": "455",
    "dang_giai_quyet_qua_han": "15",
    "tra_lai_rut_ho_so": "3",
    "thu_xin_loi": "25",
    "nguon": "Hệ thống thông tin giải quyết TTHC tỉnh",
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp số liệu (.csv hoặc .xlsx)",
        help_text="Theo mẫu: một dòng cho mỗi cơ quan (hoặc bộ phận một cửa xã) và kỳ.",
        error_messages={"required": "Hãy chọn tệp số liệu.", "empty": "Tệp rỗng."},
    )
    skip_invalid = forms.BooleanField(
        label="Bỏ qua các dòng lỗi",
        required=False,
        help_text="Không chọn: một dòng lỗi thì không nhận tệp. Chọn: nhận các dòng hợp lệ.",
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
        if extension not in ("csv", "xlsx"):
            raise ValidationError("Chỉ nhận tệp .csv hoặc .xlsx.")
        check_document(uploaded, uploaded.name, uploaded.size)
        return uploaded


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def batches(request):
    """The upload form and the list of batches; POST uploads a file."""
    _require(request, UPLOAD_PERMISSION)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            uploaded = form.cleaned_data["file"]
            try:
                batch, errors = review.upload(
                    uploaded.read(),
                    uploaded.name,
                    request.user,
                    skip_invalid=form.cleaned_data["skip_invalid"],
                )
            except StatisticsImportError as error:
                batch, errors = None, [str(error)]
            if batch is not None:
                messages.success(
                    request,
                    f"Đã nhận {len(batch.rows)} dòng từ tệp {batch.file_name}"
                    + (f", bỏ qua {len(errors)} dòng lỗi" if errors else "")
                    + ". Số liệu chờ người duyệt trước khi công bố.",
                )
                return redirect("reform_statistics_batch", batch.pk)
        else:
            errors = [message for messages_ in form.errors.values() for message in messages_]
        status = 400
    else:
        form = UploadForm()
    return TemplateResponse(
        request,
        "reform_statistics/admin/batches.html",
        {
            "form": form,
            "errors": errors,
            "batches": ImportBatch.objects.select_related("uploaded_by", "reviewed_by")[:50],
            "can_approve": request.user.has_perm(APPROVE_PERMISSION),
            "columns": COLUMNS,
        },
        status=status,
    )


def batch_detail(request, pk: int):
    _require(request, UPLOAD_PERMISSION)
    batch = get_object_or_404(ImportBatch, pk=pk)
    rows = [[line, *(values.get(column, "") for column in COLUMNS)] for line, values in batch.rows]
    return TemplateResponse(
        request,
        "reform_statistics/admin/batch.html",
        {
            "batch": batch,
            "columns": COLUMNS,
            "rows": rows,
            "can_approve": request.user.has_perm(APPROVE_PERMISSION) and batch.is_pending,
        },
    )


@require_POST
def batch_approve(request, pk: int):
    _require(request, APPROVE_PERMISSION)
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        result = review.approve(batch, request.user)
    except review.ReviewError as error:
        messages.error(request, str(error))
        return redirect("reform_statistics_batch", batch.pk)
    messages.success(
        request,
        f"Đã duyệt và công bố: {result.created} dòng mới, {result.updated} dòng cập nhật.",
    )
    return redirect("reform_statistics_batch", batch.pk)


@require_POST
def batch_reject(request, pk: int):
    _require(request, APPROVE_PERMISSION)
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        review.reject(batch, request.user, request.POST.get("note", ""))
    except review.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Đã từ chối lô số liệu; không có số liệu nào được công bố.")
    return redirect("reform_statistics_batch", batch.pk)


def template_csv(request):
    """The header line and one example row (see reform_statistics/IMPORT.md)."""
    _require(request, UPLOAD_PERMISSION)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerow([TEMPLATE_EXAMPLE[column] for column in COLUMNS])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mau-so-lieu-ho-so.csv"'
    return response


def urls():
    from django.urls import path

    return [
        path("thong-ke/lo-so-lieu/", batches, name="reform_statistics_batches"),
        path("thong-ke/lo-so-lieu/<int:pk>/", batch_detail, name="reform_statistics_batch"),
        path(
            "thong-ke/lo-so-lieu/<int:pk>/duyet/",
            batch_approve,
            name="reform_statistics_batch_approve",
        ),
        path(
            "thong-ke/lo-so-lieu/<int:pk>/tu-choi/",
            batch_reject,
            name="reform_statistics_batch_reject",
        ),
        path("thong-ke/mau-so-lieu.csv", template_csv, name="reform_statistics_template"),
    ]


def batches_url() -> str:
    return reverse("reform_statistics_batches")
