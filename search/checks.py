"""System checks of the search settings (`manage.py check`, run at every start-up).

search.E001: ELASTICSEARCH_URL or the other Elasticsearch settings cannot work (see
search/engines/elasticsearch_config.py); the message says what to write instead.
search.W002 (with --deploy, asks the cluster): the live index was built with another mapping
version than this code's, or there is no index yet; run rebuild_search_index.
"""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.compatibility)
def elasticsearch_settings(app_configs=None, **kwargs):
    if not getattr(settings, "ELASTICSEARCH_URL", ""):
        return []
    from search.engines.elasticsearch_config import ConfigurationError, connection_settings

    try:
        connection_settings()
    except ConfigurationError as error:
        return [
            Error(
                str(error),
                hint="Until this is fixed the public search answers from the database engine.",
                id="search.E001",
            )
        ]
    return []


@register(Tags.database, deploy=True)
def elasticsearch_mapping_version(app_configs=None, **kwargs):
    if not getattr(settings, "ELASTICSEARCH_URL", ""):
        return []
    from search.engines.elasticsearch import ElasticsearchEngine, mapping_version

    try:
        engine = ElasticsearchEngine.from_settings()
        live = engine.live_mapping_version()
    except Exception as error:
        return [Warning(f"Elasticsearch could not be asked: {error}", id="search.W002")]
    if live != mapping_version():
        found = f"version {live}" if live else "no index behind the alias"
        return [
            Warning(
                f"The search index {engine.alias} has {found}; this code expects mapping "
                f"version {mapping_version()}.",
                hint="Run manage.py rebuild_search_index --engine elasticsearch.",
                id="search.W002",
            )
        ]
    return []
