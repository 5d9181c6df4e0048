from django.apps import AppConfig


class AdministrativeUnitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "administrative_units"
    verbose_name = "Đơn vị hành chính"
