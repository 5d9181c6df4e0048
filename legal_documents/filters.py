"""The register's filter form: every value comes from the URL, so it is validated like input.

Field names are Python names (co_quan_ban_hanh); their URL parameters are the listing
convention's hyphenated ones (co-quan-ban-hanh, as in the search), see `add_prefix` and
`base.listing`; the register's older `co-quan` answers 301 (`OLD_NAMES`).
"""

from __future__ import annotations

from django import forms

from base.collation import VietnameseCollate
from legal_documents.models import DocumentType, Issuer, LegalField, ValidityStatus

SORTS = {
    "moi-nhat": ("Ngày ban hành (mới nhất)", ["-issued_on", "-year", "-pk"]),
    "cu-nhat": ("Ngày ban hành (cũ nhất)", ["issued_on", "year", "pk"]),
    "hieu-luc": ("Ngày có hiệu lực (mới nhất)", ["-effective_on", "-issued_on", "-pk"]),
    "so": ("Số ký hiệu", ["number_sort", "-year", "pk"]),
    "ten": ("Tên văn bản (A-Z)", [VietnameseCollate("title"), "pk"]),
}
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
# The register's own older names -> the convention's (see base.listing.legacy_redirect).
OLD_NAMES = {"co-quan": "co-quan-ban-hanh", "co_quan": "co-quan-ban-hanh"}


class RegisterFilterForm(forms.Form):
    loai = forms.ModelChoiceField(
        DocumentType.objects.order_by(VietnameseCollate("name"), "pk"),
        to_field_name="slug",
        required=False,
        label="Loại văn bản",
        empty_label="Tất cả",
        error_messages={"invalid_choice": "Loại văn bản không có trong danh mục."},
    )
    co_quan_ban_hanh = forms.ModelChoiceField(
        Issuer.objects.order_by(VietnameseCollate("name"), "pk"),
        to_field_name="slug",
        required=False,
        label="Cơ quan ban hành",
        empty_label="Tất cả",
        error_messages={"invalid_choice": "Cơ quan ban hành không có trong danh mục."},
    )
    linh_vuc = forms.ModelChoiceField(
        LegalField.objects.order_by(VietnameseCollate("name"), "pk"),
        to_field_name="slug",
        required=False,
        label="Lĩnh vực",
        empty_label="Tất cả",
        error_messages={"invalid_choice": "Lĩnh vực không có trong danh mục."},
    )
    tinh_trang = forms.ChoiceField(
        choices=[("", "Tất cả"), *ValidityStatus.choices],
        required=False,
        label="Tình trạng hiệu lực",
        error_messages={"invalid_choice": "Tình trạng hiệu lực không hợp lệ."},
    )
    nam = forms.IntegerField(
        required=False,
        min_value=1945,
        max_value=2100,
        label="Năm ban hành",
        error_messages={
            "invalid": "Năm ban hành phải là một số, ví dụ 2020.",
            "min_value": "Năm ban hành phải từ 1945 trở đi.",
            "max_value": "Năm ban hành không hợp lệ.",
        },
    )
    tu_ngay = forms.DateField(
        required=False,
        input_formats=DATE_FORMATS,
        label="Ban hành từ ngày",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Ngày bắt đầu không hợp lệ (dạng ngày/tháng/năm)."},
    )
    den_ngay = forms.DateField(
        required=False,
        input_formats=DATE_FORMATS,
        label="đến ngày",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Ngày kết thúc không hợp lệ (dạng ngày/tháng/năm)."},
    )
    sap_xep = forms.ChoiceField(
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        required=False,
        label="Sắp xếp theo",
        error_messages={"invalid_choice": "Cách sắp xếp không hợp lệ."},
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, auto_id="loc-%s", **kwargs)

    def add_prefix(self, field_name):
        # URLs use hyphens ("co-quan-ban-hanh"); Python names use underscores.
        return field_name.replace("_", "-")

    def url_state(self) -> list[tuple[str, str]]:
        """The valid values as they appear in the URL, in the form's order (for links)."""
        state = []
        cleaned = getattr(self, "cleaned_data", {})
        for name in self.fields:
            value = cleaned.get(name)
            if value in (None, ""):
                continue
            if hasattr(value, "slug"):
                value = value.slug
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            state.append((self.add_prefix(name), str(value)))
        return state

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("tu_ngay"), cleaned.get("den_ngay")
        if start and end and end < start:
            self.add_error("den_ngay", "Ngày kết thúc phải sau ngày bắt đầu.")
        return cleaned

    def filter(self, queryset):
        """The valid filters applied; a field with a bad value is left out (see base.listing)."""
        data = self.cleaned_data
        if data.get("loai"):
            queryset = queryset.filter(document_type=data["loai"])
        if data.get("co_quan_ban_hanh"):
            queryset = queryset.filter(issuer=data["co_quan_ban_hanh"])
        if data.get("linh_vuc"):
            queryset = queryset.filter(fields=data["linh_vuc"])
        if data.get("tinh_trang"):
            queryset = queryset.filter(status=data["tinh_trang"])
        if data.get("nam"):
            queryset = queryset.filter(year=data["nam"])
        if data.get("tu_ngay"):
            queryset = queryset.filter(issued_on__gte=data["tu_ngay"])
        if data.get("den_ngay"):
            queryset = queryset.filter(issued_on__lte=data["den_ngay"])
        return queryset.order_by(*SORTS[data.get("sap_xep") or "moi-nhat"][1])
