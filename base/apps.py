from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "base"
    verbose_name = "Thành phần dùng chung"

    def ready(self):
        from django.db.backends.signals import connection_created

        from base import (
            checks,  # noqa: F401 - registers the deployment checks
            compare,
            purging,
        )
        from base.collation import register_sqlite_collation

        compare.register()
        connection_created.connect(register_sqlite_collation, dispatch_uid="base_vi_collation")
        purging.connect()
