from django.apps import AppConfig


class LegalDocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "legal_documents"
    verbose_name = "Văn bản pháp luật"

    def ready(self):
        from legal_documents import history

        history.connect()
