from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save


def _index_result_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from search.indexing import update_instances

    transaction.on_commit(lambda: update_instances([instance]))


class ReformStatisticsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reform_statistics"
    verbose_name = "Thống kê cải cách hành chính"

    def ready(self):
        from reform_statistics.models import IndexScore

        post_save.connect(
            _index_result_saved, sender=IndexScore, dispatch_uid="statistics_index_result_saved"
        )
