"""Deployment checks (`manage.py check --deploy`) for what base's guards rely on."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def rate_limits_need_a_shared_cache(app_configs, **kwargs):
    backend = settings.CACHES.get(getattr(settings, "RATELIMIT_USE_CACHE", "default"), {})
    if getattr(settings, "RATE_LIMITS", None) and "locmem" in backend.get("BACKEND", ""):
        return [
            Warning(
                "Rate limits are counted in a per-process memory cache, so each gunicorn "
                "worker allows the full rate.",
                hint="Set REDIS_URL so that every worker counts in the same cache.",
                id="base.W001",
            )
        ]
    return []
