from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save


def _reindex_after_commit(instance) -> None:
    """The search documents that show `instance`, rebuilt from what is stored (live rows
    only, see search_documents.py) once the transaction commits."""
    from reform_statistics.importing import reindex_agencies
    from reform_statistics.models import DossierStatistics, IndexScore

    if isinstance(instance, DossierStatistics):
        agency_ids = {instance.agency_id}
        transaction.on_commit(lambda: reindex_agencies(agency_ids))
    elif isinstance(instance, IndexScore):
        from search.indexing import update_instances

        pk = instance.pk
        # A deleted result is removed by search's own post_delete receiver.
        transaction.on_commit(lambda: update_instances(IndexScore.objects.filter(pk=pk)))


def _published_or_unpublished(sender, instance, **kwargs):
    _reindex_after_commit(instance)


def _live_row_written(sender, instance, raw=False, update_fields=None, **kwargs):
    """A live row saved or deleted directly (an import, the demo), not a draft."""
    from base.purging import changes_live_content

    if not raw and changes_live_content(instance, update_fields):
        _reindex_after_commit(instance)


class ReformStatisticsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reform_statistics"
    verbose_name = "Thống kê cải cách hành chính"

    def ready(self):
        from wagtail.signals import published, unpublished

        from reform_statistics.models import DossierStatistics, IndexScore

        # Publishing saves the row in full: an index result is indexed by post_save below; a
        # dossier row by the `published` signal (post_save would index an agency per row of
        # an import, which indexes its agencies once, see importing.write_rows).
        published.connect(
            _published_or_unpublished, sender=DossierStatistics, dispatch_uid="statistics_pub"
        )
        for model in (DossierStatistics, IndexScore):
            unpublished.connect(
                _published_or_unpublished,
                sender=model,
                dispatch_uid=f"statistics_unpub_{model._meta.model_name}",
            )
        post_save.connect(
            _live_row_written, sender=IndexScore, dispatch_uid="statistics_index_result_saved"
        )
        post_delete.connect(
            _live_row_written, sender=DossierStatistics, dispatch_uid="statistics_row_deleted"
        )
