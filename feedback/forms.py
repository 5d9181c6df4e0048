"""The two public forms (a vote with an optional reason; a report with an optional contact)
and the checks that keep spam and unasked-for personal data out."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from feedback.models import Kind, Reason

MAX_COMMENT = 500  # the optional words with a vote
MAX_REPORT = 1000  # "what is wrong or outdated"
MAX_CONTACT = 120
MAX_LINKS = 3
# Text with links must say something in words too: at least this many letters outside them.
MIN_LETTERS_WITH_LINKS = 15
MIN_REPORT_LETTERS = 5

LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|vn|info|xyz|ru|top)\b\S*", re.I
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PHONE = re.compile(r"^\+?[\d .()-]+$")


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def check_text(text: str) -> str:
    """The reader's words, refused when they are mostly links or carry control characters."""
    if CONTROL.search(text):
        raise ValidationError("Nội dung chứa ký tự không hợp lệ.")
    links = LINK.findall(text)
    if len(links) > MAX_LINKS:
        raise ValidationError(f"Nội dung có quá nhiều đường dẫn (tối đa {MAX_LINKS}).")
    if links and _letters(LINK.sub(" ", text)) < MIN_LETTERS_WITH_LINKS:
        raise ValidationError(
            "Hãy viết bằng lời thông tin nào chưa đúng; nội dung chỉ có đường dẫn không được nhận."
        )
    return text


def check_contact(value: str) -> str:
    """An e-mail address or a phone number (9 to 12 digits), nothing else."""
    value = value.strip()
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            pass
        else:
            return value
    elif PHONE.match(value) and 9 <= sum(ch.isdigit() for ch in value) <= 12:
        return value
    raise ValidationError(
        "Thông tin liên hệ phải là một địa chỉ thư điện tử hoặc một số điện thoại."
    )


class FeedbackForm(forms.Form):
    """One form for both: `loai` says which (the vote buttons or the report form's hidden field).

    Field names are short ASCII Vietnamese, like the public lists' parameters.
    """

    loai = forms.ChoiceField(
        choices=Kind.choices,
        error_messages={
            "required": "Hãy chọn Có hoặc Không.",
            "invalid_choice": "Loại góp ý không hợp lệ.",
        },
    )
    ly_do = forms.ChoiceField(
        choices=[("", ""), *Reason.choices],
        required=False,
        error_messages={"invalid_choice": "Lý do không có trong danh sách."},
    )
    noi_dung = forms.CharField(
        required=False,
        strip=True,
        max_length=MAX_REPORT,
        error_messages={"max_length": "Nội dung dài quá %(limit_value)d ký tự."},
    )
    lien_he = forms.CharField(
        required=False,
        max_length=MAX_CONTACT,
        error_messages={"max_length": "Thông tin liên hệ dài quá %(limit_value)d ký tự."},
    )
    dong_y = forms.BooleanField(required=False)

    def clean_noi_dung(self):
        return check_text(self.cleaned_data["noi_dung"])

    def clean(self):
        data = super().clean()
        kind = data.get("loai")
        text = data.get("noi_dung", "")
        if kind == Kind.REPORT:
            if "noi_dung" not in self.errors and _letters(text) < MIN_REPORT_LETTERS:
                self.add_error("noi_dung", "Hãy cho biết thông tin nào sai hoặc đã cũ.")
        elif kind and len(text) > MAX_COMMENT:
            self.add_error("noi_dung", f"Góp ý thêm dài quá {MAX_COMMENT} ký tự.")
        if kind != Kind.NOT_USEFUL:
            data["ly_do"] = ""
        # The contact is the reader's personal data: kept only with their consent, and only
        # with a report (a vote needs no answer). Without consent it is dropped unread.
        contact = data.get("lien_he", "").strip()
        if kind != Kind.REPORT or not data.get("dong_y"):
            data["contact_dropped"] = bool(contact) and kind == Kind.REPORT
            data["lien_he"] = ""
        elif contact:
            try:
                data["lien_he"] = check_contact(contact)
            except ValidationError as error:
                self.add_error("lien_he", error)
        return data
