from django.apps import AppConfig


class ReformStatisticsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reform_statistics"
    verbose_name = "Thống kê cải cách hành chính"
