"""Imports index in bulk: after an import the pages are found through our search engine and
Wagtail's admin search; a failed import leaves nothing behind; deferred updates flush once."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db.models.signals import post_save
from wagtail.search.backends import get_search_backend

from base import purging
from legal_documents.models import LegalDocumentPage
from procedures_catalog.models import ProcedurePage
from search import indexing
from search.documents import document_key
from search.engines.base import SearchQuery
from search.engines.database import DatabaseEngine
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


def indexing_callbacks(callbacks):
    """The search index's callbacks, without the cache purge's (base.purging, one per commit)."""
    return [callback for callback in callbacks if callback is not purging.flush]


@pytest.fixture(autouse=True)
def wagtail_auto_update(settings):
    """The test settings switch Wagtail's search auto-update off; these tests need it on."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": True}
    }


def procedure(code: str, name: str, **extra) -> dict:
    return {
        "code": code,
        "name": name,
        "field": "Hộ tịch",
        "levels": ["cap_xa"],
        "implementing_agencies": ["Ủy ban nhân dân cấp xã"],
        "steps": [{"title": "Bước 1", "description": "Nộp hồ sơ tại bộ phận một cửa."}],
        **extra,
    }


def write_jsonl(tmp_path, name: str, rows: list[dict]):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def engine_keys(text: str) -> list[str]:
    return [hit.key for hit in DatabaseEngine().search(SearchQuery(text=text)).hits]


def admin_search(text: str, model) -> list[int]:
    return [obj.pk for obj in get_search_backend().search(text, model)]


def test_imported_procedures_are_in_both_search_indexes(
    home_page, tmp_path, django_capture_on_commit_callbacks
):
    path = write_jsonl(
        tmp_path,
        "thu-tuc.jsonl",
        [
            procedure("9.000101", "Đăng ký khai sinh lưu động cho trẻ em"),
            procedure("9.000102", "Cấp bản sao trích lục hộ tịch điện tử"),
        ],
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("import_procedures", str(path), "--no-progress")
    # One bulk write per index (ours, Wagtail's), not one per page.
    callbacks = indexing_callbacks(callbacks)
    assert len(callbacks) == 2
    pages = {p.code: p for p in ProcedurePage.objects.filter(code__startswith="9.0001")}
    assert set(pages) == {"9.000101", "9.000102"}
    assert document_key(pages["9.000101"]) in engine_keys("khai sinh luu dong")
    assert document_key(pages["9.000102"]) in engine_keys("trích lục hộ tịch điện tử")
    assert pages["9.000101"].pk in admin_search("khai sinh lưu động", ProcedurePage)
    assert pages["9.000102"].pk in admin_search("trích lục", ProcedurePage)
    # The imported inlines reached the published page and the search document.
    entry = SearchEntry.objects.get(key=document_key(pages["9.000101"]))
    assert "bộ phận một cửa" in entry.body


def test_reimport_with_changes_updates_both_indexes(
    home_page, tmp_path, django_capture_on_commit_callbacks
):
    first = write_jsonl(tmp_path, "a.jsonl", [procedure("9.000103", "Đăng ký kết hôn")])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_procedures", str(first), "--no-progress")
    second = write_jsonl(
        tmp_path, "b.jsonl", [procedure("9.000103", "Đăng ký kết hôn có yếu tố nước ngoài")]
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_procedures", str(second), "--no-progress")
    page = ProcedurePage.objects.get(code="9.000103")
    assert page.steps.count() == 1, "inlines are replaced, not duplicated"
    assert SearchEntry.objects.get(key=document_key(page)).title.endswith("yếu tố nước ngoài")
    assert page.pk in admin_search("nước ngoài", ProcedurePage)
    # Unchanged re-run: nothing to index at all.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("import_procedures", str(second), "--no-progress")
    assert callbacks == []


def test_failed_procedure_import_leaves_no_search_entries(
    home_page, tmp_path, django_capture_on_commit_callbacks
):
    path = write_jsonl(
        tmp_path,
        "hong.jsonl",
        [
            procedure("9.000104", "Đăng ký giám hộ cho người chưa thành niên"),
            # Written after the first one, then refused: its successor does not exist.
            procedure("9.000105", "Chấm dứt giám hộ", status="replaced", successor_code="9.999999"),
        ],
    )
    before = SearchEntry.objects.count()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(CommandError, match="Không nhập bản ghi nào"),
    ):
        call_command("import_procedures", str(path), "--no-progress")
    assert callbacks == []
    assert not ProcedurePage.objects.filter(code__in=["9.000104", "9.000105"]).exists()
    assert SearchEntry.objects.count() == before
    assert engine_keys("giam ho chua thanh nien") == []
    assert admin_search("giám hộ", ProcedurePage) == []


def test_imported_legal_documents_are_in_both_search_indexes(
    home_page, tmp_path, django_capture_on_commit_callbacks
):
    path = write_jsonl(
        tmp_path,
        "van-ban.jsonl",
        [
            {
                "number": "77/2024/QĐ-UBND",
                "type": "Quyết định",
                "issuer": "UBND tỉnh Đồng Tháp",
                "issued": "2024-09-12",
                "status": "Còn hiệu lực",
                "title": "ban hành quy chế quản lý chợ nổi trên sông",
            }
        ],
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("import_legal_documents", str(path), "--no-progress")
    callbacks = indexing_callbacks(callbacks)
    assert len(callbacks) <= 3, "bulk writes (plus the app's own relation sync), not per page"
    page = LegalDocumentPage.objects.get(number="77/2024/QĐ-UBND")
    assert document_key(page) in engine_keys("cho noi tren song")
    assert page.pk in admin_search("chợ nổi", LegalDocumentPage)


def test_failed_legal_import_leaves_no_search_entries(
    home_page, tmp_path, django_capture_on_commit_callbacks
):
    good = {"number": "5/2023/QĐ-UBND", "type": "Quyết định", "issued": "2023-01-05"}
    good["title"] = "quy định về bến khách ngang sông"
    path = write_jsonl(tmp_path, "van-ban.jsonl", [good])
    with (
        mock.patch(
            "legal_documents.importing.LegalField.named", side_effect=RuntimeError("disk full")
        ),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        good["fields"] = ["Giao thông"]
        path.write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
        call_command("import_legal_documents", str(path), "--no-progress")
    assert callbacks == []
    assert not LegalDocumentPage.objects.filter(number="5/2023/QĐ-UBND").exists()
    assert engine_keys("ben khach ngang song") == []


def test_deferred_updates_flush_once_after_commit(home_page, django_capture_on_commit_callbacks):
    from news.models import NewsIndexPage

    news = NewsIndexPage.objects.get()
    with mock.patch.object(indexing, "update_instances", wraps=indexing.update_instances) as update:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            with indexing.deferred_updates() as pending:
                for _ in range(3):
                    news.save_revision().publish()
                home_page.save_revision().publish()
            assert pending.flushes == 0, "nothing is written before the transaction commits"
            assert set(pending.pages) == {news.pk, home_page.pk}
        callbacks = indexing_callbacks(callbacks)
        assert len(callbacks) == 1
        callbacks[0]()
    assert pending.flushes == 1
    assert update.call_count == 1, "one bulk write for all the pages"
    written = {page.pk for page in update.call_args.args[0]}
    # The home page's subtree comes along (its URL may have changed).
    assert {news.pk, home_page.pk} <= written


def test_deferred_updates_write_nothing_when_the_block_raises(home_page):
    from news.models import NewsIndexPage

    news = NewsIndexPage.objects.get()
    with (
        mock.patch.object(indexing, "flush") as flush,
        mock.patch("django.db.transaction.on_commit") as on_commit,
        pytest.raises(ValueError),
        indexing.deferred_updates(),
    ):
        news.save_revision().publish()
        raise ValueError("bad record")
    flush.assert_not_called()
    assert not indexing_callbacks(call.args[0] for call in on_commit.call_args_list)
    assert indexing._deferred() is None


def test_wagtail_index_pause_is_scoped(home_page, django_capture_on_commit_callbacks):
    from modelsearch.signal_handlers import post_save_signal_handler

    def receivers():
        return [r for r in post_save._live_receivers(ProcedurePage)[0] if r is not None]

    assert post_save_signal_handler in receivers()
    with indexing.paused_wagtail_index() as collected:
        assert post_save_signal_handler not in receivers()
    assert collected == {}
    assert post_save_signal_handler in receivers(), "auto-update is back after the block"
