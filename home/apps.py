from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Trang chủ"
    default = True  # this module also holds UsersConfig

    def ready(self):
        from wagtail.signals import page_published

        from home.media import on_page_published

        page_published.connect(on_page_published, dispatch_uid="home_promote_files")


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the user views of `home.users` (superusers out of reach)."""

    user_viewset = "home.users.UserViewSet"
