from django.apps import AppConfig


class ProceduresCatalogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procedures_catalog"
    verbose_name = "Thủ tục hành chính"
