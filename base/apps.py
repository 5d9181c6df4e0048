from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "base"
    verbose_name = "Thành phần dùng chung"

    def ready(self):
        from base import purging

        purging.connect()
