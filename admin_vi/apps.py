from django.apps import AppConfig


class AdminViConfig(AppConfig):
    name = "admin_vi"
    verbose_name = "Trang quản trị tiếng Việt"
