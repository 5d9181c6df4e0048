"""Vietnamese names for what Wagtail's own migrations create in English.

Editors see the page tree's root ("Root") in breadcrumbs and the page chooser, the root
collection ("Root") in upload forms and filters, and the title of Wagtail's welcome page in
the site history once it is deleted. Wagtail also turns its "Moderators" group into
a "Moderators approval" workflow that this portal never uses (home.roles sets up its own); it
is removed while nothing has gone through it, so the workflow list shows only ours.
"""

from django.db import migrations

ROOT_PAGE_TITLE = "Gốc"
ROOT_COLLECTION_NAME = "Chung"
DEFAULT_WORKFLOW = "Moderators approval"
WELCOME_PAGE_TITLE = "Welcome to your new Wagtail site!"


def forwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")

    Page.objects.filter(depth=1, title="Root").update(title=ROOT_PAGE_TITLE, draft_title=ROOT_PAGE_TITLE)
    Collection.objects.filter(depth=1, name="Root").update(name=ROOT_COLLECTION_NAME)
    Page.objects.filter(depth=2, title=WELCOME_PAGE_TITLE).update(
        title="Trang chào mừng của Wagtail", draft_title="Trang chào mừng của Wagtail"
    )

    for workflow in Workflow.objects.filter(name=DEFAULT_WORKFLOW):
        if WorkflowState.objects.filter(workflow=workflow).exists():
            continue
        task_ids = list(workflow.workflow_tasks.values_list("task_id", flat=True))
        workflow.delete()
        for task in Task.objects.filter(pk__in=task_ids, name=DEFAULT_WORKFLOW):
            if not TaskState.objects.filter(task=task).exists():
                task.delete()


def backwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title=ROOT_PAGE_TITLE).update(title="Root", draft_title="Root")
    Collection.objects.filter(depth=1, name=ROOT_COLLECTION_NAME).update(name="Root")


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0048_add_default_workflows"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(forwards, backwards)]
