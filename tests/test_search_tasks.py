"""Index updates off the editor's request (search/tasks.py): an outbox row written in the
editor's transaction, a django-tasks task after the commit, retries, the admin backlog."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from news.models import NewsIndexPage
from search import tasks
from search.engines.database import DatabaseEngine
from search.models import PendingIndexUpdate, SearchEntry
from tests import test_search_indexing

builder = test_search_indexing.builder  # the fixture
entry = test_search_indexing.entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(home_page):
    return NewsIndexPage.objects.get()


def test_a_publish_queues_a_task_after_the_commit_and_the_task_writes_it(
    news_index,
    builder,
    django_capture_on_commit_callbacks,
):
    SearchEntry.objects.all().delete()
    with (
        mock.patch.object(tasks, "process_index_updates") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        news_index.save_revision().publish()
        assert not task.enqueue.called, "nothing is queued before the commit"
    task.enqueue.assert_called_once_with()
    [waiting] = PendingIndexUpdate.objects.all()
    assert waiting.page_ids == [news_index.pk] and waiting.descendants
    assert entry(news_index) is None, "the editor's request did not write the index"
    assert tasks.process_index_updates.call() == {"done": 1, "failed": 0}
    assert entry(news_index) is not None and not PendingIndexUpdate.objects.exists()


def test_a_rolled_back_change_queues_nothing(news_index, builder):
    with pytest.raises(RuntimeError), transaction.atomic():
        news_index.save_revision().publish()
        raise RuntimeError("the editor's transaction fails")
    assert not PendingIndexUpdate.objects.exists()


def test_a_failed_update_stays_for_a_retry_and_shows_on_the_dashboard(
    news_index,
    builder,
    django_capture_on_commit_callbacks,
    admin_client,
):
    with (
        mock.patch.object(DatabaseEngine, "index", side_effect=RuntimeError("disk full")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        news_index.save_revision().publish()  # the ImmediateBackend runs the task at once
    [waiting] = PendingIndexUpdate.objects.all()
    assert waiting.attempts == 1 and "database" in waiting.last_error
    assert waiting.next_attempt_at > timezone.now()
    page = admin_client.get("/admin/").content.decode()
    assert "1 cập nhật chỉ mục tìm kiếm đang chờ ghi" in page and "thử lại tự động" in page
    # Not due yet: the next task leaves it; once due it is written and leaves the backlog.
    assert tasks.process_index_updates.call() == {"done": 0, "failed": 0}
    PendingIndexUpdate.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(1))
    call_command("process_search_updates", stdout=mock.MagicMock())
    assert entry(news_index) is not None and tasks.backlog() == {"pending": 0, "failing": 0}
    assert "search-backlog" not in admin_client.get("/admin/").content.decode()


def test_deletes_go_through_the_task(news_index, builder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        news_index.save_revision().publish()
    key = entry(news_index).key
    with django_capture_on_commit_callbacks(execute=True):
        news_index.delete()
    assert not SearchEntry.objects.filter(key=key).exists()
    assert not PendingIndexUpdate.objects.exists()


def test_a_full_rebuild_clears_the_backlog_it_covers(news_index, builder):
    PendingIndexUpdate.objects.create(action="page", page_ids=[news_index.pk], attempts=3)
    call_command("rebuild_search_index", verbosity=0)
    assert not PendingIndexUpdate.objects.exists() and entry(news_index) is not None
