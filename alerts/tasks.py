"""The digest as a django-tasks task, for deployments that run a task worker instead of cron."""

from django_tasks import task

from alerts.digest import send_digests


@task()
def send_alert_digests() -> dict:
    report = send_digests()
    return {"sent": report.sent, "items": report.items, "failed": report.failed}
