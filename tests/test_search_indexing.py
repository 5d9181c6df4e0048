"""The index follows publishing: publish, unpublish, privacy, move and delete, after commit.

A builder is registered here for the news section's index page (a page type that always
exists), so these tests do not depend on any content app's own builder.
"""

import logging
from unittest import mock

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from news.models import NewsIndexPage
from search import documents
from search.documents import SearchDocument, document_key
from search.engines.base import SearchQuery
from search.engines.database import DatabaseEngine
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def builder():
    """Register a builder for NewsIndexPage for the duration of a test."""
    calls = {"hidden": set(), "fail": False}

    def build(page):
        if calls["fail"]:
            raise RuntimeError("builder bug")
        if page.pk in calls["hidden"]:
            return None
        return SearchDocument(
            key=document_key(page),
            kind="page",
            url=page.url,
            title=page.title,
            summary="Chuyên mục tin cải cách hành chính của tỉnh.",
        )

    previous = documents._builders.get(NewsIndexPage)
    documents._builders[NewsIndexPage] = build
    yield calls
    if previous is None:
        documents._builders.pop(NewsIndexPage, None)
    else:
        documents._builders[NewsIndexPage] = previous


@pytest.fixture
def news_index(home_page):
    return NewsIndexPage.objects.get()


def entry(page):
    return SearchEntry.objects.filter(key=document_key(page)).first()


def publish(page, callbacks):
    with callbacks(execute=True):
        page.save_revision().publish()


def test_publish_indexes_after_commit(news_index, builder, django_capture_on_commit_callbacks):
    SearchEntry.objects.all().delete()
    news_index.title = "Tin cải cách hành chính mới"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        news_index.save_revision().publish()
    assert entry(news_index) is None, "nothing is indexed before the transaction commits"
    for callback in callbacks:
        callback()
    assert entry(news_index).title == "Tin cải cách hành chính mới"
    results = DatabaseEngine().search(SearchQuery(text="tin cai cach moi"))
    assert [h.key for h in results.hits] == [document_key(news_index)]


def test_unpublish_removes(news_index, builder, django_capture_on_commit_callbacks):
    publish(news_index, django_capture_on_commit_callbacks)
    assert entry(news_index)
    with django_capture_on_commit_callbacks(execute=True):
        news_index.unpublish()
    assert entry(news_index) is None


def test_builder_returning_none_removes(news_index, builder, django_capture_on_commit_callbacks):
    publish(news_index, django_capture_on_commit_callbacks)
    builder["hidden"].add(news_index.pk)
    publish(news_index, django_capture_on_commit_callbacks)
    assert entry(news_index) is None


def test_private_pages_and_their_descendants_are_removed(
    home_page, news_index, builder, django_capture_on_commit_callbacks
):
    publish(news_index, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=home_page, restriction_type=PageViewRestriction.LOGIN
        )
    assert entry(news_index) is None
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert entry(news_index) is not None


def test_move_updates_the_url(home_page, news_index, builder, django_capture_on_commit_callbacks):
    publish(news_index, django_capture_on_commit_callbacks)
    assert entry(news_index).url == "/tin-tuc/"
    target = home_page.get_children().get(slug="van-ban")
    with django_capture_on_commit_callbacks(execute=True):
        news_index.move(target, pos="last-child")
    assert entry(news_index).url == "/van-ban/tin-tuc/"


def test_delete_removes(news_index, builder, django_capture_on_commit_callbacks):
    publish(news_index, django_capture_on_commit_callbacks)
    key = document_key(news_index)
    with django_capture_on_commit_callbacks(execute=True):
        news_index.delete()
    assert not SearchEntry.objects.filter(key=key).exists()


def test_failures_are_logged_and_never_block_a_publish(
    news_index, builder, django_capture_on_commit_callbacks, caplog
):
    builder["fail"] = True
    with caplog.at_level(logging.ERROR):
        publish(news_index, django_capture_on_commit_callbacks)
    assert "Search builder failed" in caplog.text
    builder["fail"] = False
    with (
        mock.patch.object(DatabaseEngine, "index", side_effect=RuntimeError("disk full")),
        caplog.at_level(logging.ERROR),
    ):
        publish(news_index, django_capture_on_commit_callbacks)
    assert "Search index update failed" in caplog.text
    news_index.refresh_from_db()
    assert news_index.live


def test_rebuild_command_indexes_live_public_pages_only(
    home_page, news_index, builder, django_capture_on_commit_callbacks
):
    SearchEntry.objects.all().delete()
    SearchEntry.objects.create(key="stale:1", kind="news", url="/x/", title="Cũ")
    call_command("rebuild_search_index", verbosity=0)
    assert entry(news_index) is not None
    assert not SearchEntry.objects.filter(key="stale:1").exists()
    with django_capture_on_commit_callbacks(execute=False):
        news_index.unpublish()  # callbacks dropped: only the rebuild can notice
    call_command("rebuild_search_index", verbosity=0)
    assert entry(news_index) is None
