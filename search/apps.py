from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Tìm kiếm"

    def ready(self):
        # Each content app declares its search-document builders in search_documents.py.
        autodiscover_modules("search_documents")
        from search import checks, signals  # noqa: F401 (checks register themselves)

        signals.connect()
