from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "base"
    verbose_name = "Thành phần dùng chung"

    def ready(self):
        from base import checks  # noqa: F401 - registers the deployment checks
