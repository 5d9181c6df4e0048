from django.apps import AppConfig
from django.utils.text import capfirst


class AdminViConfig(AppConfig):
    name = "admin_vi"
    verbose_name = "Trang quản trị tiếng Việt"

    def ready(self):
        label_site_columns()


def label_site_columns():
    """Wagtail's Sites listing names three columns after their field ("Port", "Site name"),
    not the model's translated verbose names; give them those. (To be fixed upstream.)"""
    from wagtail.models import Site
    from wagtail.sites.views import IndexView

    for column in IndexView.columns:
        if column.name in ("port", "site_name", "root_page"):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
