from django.apps import AppConfig


class ReformPlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reform_plans"
    verbose_name = "Kế hoạch và báo cáo cải cách hành chính"
