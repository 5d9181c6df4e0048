"""The subscribe form: an e-mail address, and a honeypot field that people never see."""

from django import forms

MAX_SUBSCRIPTIONS_PER_ADDRESS = 20
HONEYPOT = "trang-web"  # "website": filled in only by robots that fill in everything


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Địa chỉ e-mail",
        max_length=254,
        error_messages={
            "required": "Hãy nhập địa chỉ e-mail.",
            "invalid": "Địa chỉ e-mail không hợp lệ, ví dụ đúng: ten@example.vn.",
            "max_length": "Địa chỉ e-mail quá dài.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class ManageLinkForm(SubscribeForm):
    pass
