"""Statistics go through the reviewers like pages: an editor's new or changed figures are
drafts that nobody outside the admin sees (pages, API, search), until a reviewer approves
them in the pages' workflow; then they are public and the caches are purged. Editors neither
publish nor delete. Uploaded files keep their own gate and mail the reviewers."""

import logging
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from administrative_units.models import AdministrativeUnit
from agencies.models import Agency
from base import purging
from home.roles import REVIEWERS, SITE_ADMINISTRATORS, STATISTICS_EDITORS, setup_roles
from reform_statistics import review
from reform_statistics.importing import check_rows, import_rows, read_table, reindex_agencies
from reform_statistics.models import AgencyStatistics, DossierStatistics, ImportBatch, IndexScore
from search.documents import document_key
from search.models import SearchEntry
from tests.test_caching import PURGED, paths
from tests.test_reform_statistics_review import GOOD, csv_file, upload

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/reform_statistics/dossierstatistics/add/"


def edit_url(row) -> str:
    return f"/admin/snippets/reform_statistics/dossierstatistics/edit/{row.pk}/"


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.test_caching.RecordingBackend"}}
    PURGED.clear()
    purging.discard_pending()
    yield PURGED
    PURGED.clear()


@pytest.fixture
def people(home_page):
    groups = setup_roles()
    users = get_user_model().objects
    editor = users.create_user("thongke", "thongke@example.invalid", "pw", first_name="Hoa")
    editor.groups.add(groups[STATISTICS_EDITORS])
    reviewer = users.create_user("duyet", "duyet@example.invalid", "pw", first_name="Minh")
    reviewer.groups.add(groups[REVIEWERS])
    return editor, reviewer


@pytest.fixture
def justice():
    agency = Agency.objects.create(name="Sở Tư pháp", short_name="STP", kind="so")
    # A published quarter, so that the public pages have something to show.
    DossierStatistics.objects.create(
        agency=agency,
        period_kind="quy",
        year=2025,
        number=1,
        received_in_person=1000,
        resolved_on_time=900,
    )
    reindex_agencies([agency.pk])
    return agency


def figures(agency, **values):
    data = {
        "agency": agency.pk,
        "period_kind": "quy",
        "year": 2025,
        "number": 3,
        "received_in_person": 700,
        "received_online": 77,
        "received_by_post": 0,
        "resolved_on_time": 600,
        "resolved_late": 7,
        "in_progress_on_time": 0,
        "in_progress_late": 0,
        "returned_or_withdrawn": 0,
        "apology_letters": 7,
    }
    data.update(values)
    return data


def public_texts(client, agency) -> str:
    """What anonymous readers get about the agency: pages, API, the search document."""
    client.logout()
    texts = [
        client.get("/thong-ke/").content.decode(),
        client.get(f"/thong-ke/co-quan/{agency.slug}/").content.decode(),
        b"".join(client.get("/thong-ke/?dinh-dang=csv").streaming_content).decode(),
        client.get("/api/v1/statistics/periods").content.decode(),
        client.get(f"/api/v1/statistics/agencies/{agency.slug}").content.decode(),
    ]
    entry = SearchEntry.objects.filter(key=document_key(AgencyStatistics(pk=agency.pk))).first()
    texts.append(entry.summary if entry else "")
    return "\n".join(texts)


def approve(client, reviewer, row, data):
    client.force_login(reviewer)
    return client.post(
        edit_url(row),
        {**data, "action-workflow-action": "true", "workflow-action-name": "approve"},
    )


def test_editor_draft_is_public_only_after_a_reviewer_approves_it(
    client, people, justice, purged, django_capture_on_commit_callbacks
):
    editor, reviewer = people
    client.force_login(editor)
    data = figures(justice)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(ADD_URL, data).status_code == 302
    row = DossierStatistics.objects.get(year=2025, number=3)
    assert not row.live and row.latest_revision is not None
    assert purged == []  # a draft changes nothing the public sees
    public = public_texts(client, justice)
    assert "Quý I/2025: 1.000 hồ sơ tiếp nhận" in public  # the search document, unchanged
    assert "Quý III/2025" not in public

    # The editor cannot publish: the button is not theirs, and posting it publishes nothing.
    client.force_login(editor)
    assert "action-publish" not in client.get(edit_url(row)).content.decode()
    client.post(edit_url(row), {**data, "action-publish": "true"})
    row.refresh_from_db()
    assert not row.live
    assert not editor.has_perm("reform_statistics.publish_dossierstatistics")

    # Submitting tells the reviewer, in Vietnamese, with the link to the form.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit_url(row), {**data, "action-submit": "true"}).status_code == 302
    row.refresh_from_db()
    assert row.workflow_in_progress and not row.live
    (told,) = [m for m in mail.outbox if m.to == [reviewer.email]]
    assert told.subject.startswith("Chờ duyệt: Số liệu giải quyết hồ sơ")
    assert "Xin chào Minh" in told.body and edit_url(row) in told.body
    assert "Quý III/2025" not in public_texts(client, justice)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert approve(client, reviewer, row, data).status_code == 302
    row.refresh_from_db()
    assert row.live and not row.workflow_in_progress
    (approved,) = [m for m in mail.outbox if m.to == [editor.email]]
    assert approved.subject.startswith("Đã duyệt: Số liệu giải quyết hồ sơ")
    for message in (told, approved):
        for english in ("Hello", "has been", "approved", "submitted"):
            assert english not in message.subject + message.body
    assert "/*" in paths(purged)
    public = public_texts(client, justice)
    assert "Quý III/2025" in public
    # The search document now speaks of the new latest quarter.
    assert "Quý III/2025: 777 hồ sơ tiếp nhận" in public


def test_a_change_to_published_figures_waits_and_the_public_keeps_the_old_ones(
    client, people, justice, purged, django_capture_on_commit_callbacks
):
    editor, reviewer = people
    row = DossierStatistics.objects.get(agency=justice)
    data = figures(justice, number=1, received_in_person=1500, resolved_on_time=1400)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(row), {**data, "action-submit": "true"})
    row.refresh_from_db()
    assert row.live and row.has_unpublished_changes
    assert row.received_in_person == 1000  # the row keeps what was published
    assert purged == []
    public = public_texts(client, justice)
    assert "1.077" not in public and "1.577" not in public
    # The editor sees their draft in the form.
    client.force_login(editor)
    assert 'value="1500"' in client.get(edit_url(row)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        approve(client, reviewer, row, data)
    row.refresh_from_db()
    assert row.received_in_person == 1500 and not row.has_unpublished_changes
    assert "/*" in paths(purged)
    assert "1.577" in client.get(f"/thong-ke/co-quan/{justice.slug}/").content.decode()


def test_editors_cannot_delete_figures_reviewers_can(client, people, justice):
    editor, reviewer = people
    row = DossierStatistics.objects.get(agency=justice)
    delete_url = f"/admin/snippets/reform_statistics/dossierstatistics/delete/{row.pk}/"
    client.force_login(editor)
    assert client.get(delete_url).status_code in (302, 403)
    assert client.post(delete_url).status_code in (302, 403)
    assert DossierStatistics.objects.filter(pk=row.pk).exists()
    client.force_login(reviewer)
    assert client.get(delete_url).status_code == 200
    client.post(delete_url)
    assert not DossierStatistics.objects.filter(pk=row.pk).exists()


def test_a_published_row_keeps_its_agency_and_period(client, people, justice):
    editor, _ = people
    row = DossierStatistics.objects.get(agency=justice)
    client.force_login(editor)
    response = client.post(edit_url(row), figures(justice, number=2))
    assert response.status_code == 200
    assert "Số liệu đã công bố không đổi được" in response.content.decode()
    row.refresh_from_db()
    assert row.number == 1 and not row.has_unpublished_changes


def test_a_draft_holds_its_slot_in_forms_and_imports(client, people, justice, home_page):
    editor, _ = people
    client.force_login(editor)
    client.post(ADD_URL, figures(justice))
    draft = DossierStatistics.objects.get(number=3)
    assert not draft.live
    # A second row for the same agency and quarter is refused, draft or not.
    again = client.post(ADD_URL, figures(justice, received_in_person=800))
    assert again.status_code == 200
    assert "Đã có số liệu của cơ quan này cho quý III/2025" in again.content.decode()
    # A file with the agency's whole-agency quarter is fine (it updates the slot); one with a
    # commune office's row for the quarter is refused: the draft counts as the whole agency.
    unit = AdministrativeUnit.objects.create(code="99001", name="Xã An Bình", division_type="xa")
    row = {"co_quan": "Sở Tư pháp", "loai_ky": "quy", "nam": "2025", "ky": "3"}
    row |= {"ma_xa": unit.code, "tiep_nhan_truc_tiep": "1"}
    row |= dict.fromkeys(
        ["tiep_nhan_truc_tuyen", "tiep_nhan_buu_chinh", "giai_quyet_dung_han"], "0"
    )
    _, errors = check_rows([(2, row)])
    assert errors and "đã có số liệu toàn cơ quan cho quý III/2025" in errors[0]


def test_an_approved_file_supersedes_a_draft_waiting_for_review(client, people, justice):
    editor, reviewer = people
    row = DossierStatistics.objects.get(agency=justice)
    client.force_login(editor)
    client.post(
        edit_url(row), {**figures(justice, number=1, received_in_person=650), "action-submit": "1"}
    )
    row.refresh_from_db()
    assert row.workflow_in_progress and row.has_unpublished_changes
    # GOOD's first line is Sở Tư pháp's first quarter of 2025.
    batch, _ = review.upload(csv_file(GOOD).read(), "so-lieu.csv", editor)
    result = review.approve(batch, reviewer)
    assert (result.created, result.updated) == (1, 1)
    row.refresh_from_db()
    assert row.live and not row.has_unpublished_changes and not row.workflow_in_progress
    assert row.received_in_person == 1250
    # The imported values are the latest revision: the form shows them, not the old draft.
    assert row.latest_revision.as_object().received_in_person == 1250
    assert DossierStatistics.objects.live().count() == 2  # the second quarter is new

    # The command line import (no user) does the same.
    client.post(
        edit_url(row), {**figures(justice, number=1, received_in_person=650), "action-submit": "1"}
    )
    row.refresh_from_db()
    assert row.workflow_in_progress
    rows = read_table(csv_file(GOOD).read(), "so-lieu.csv")
    assert import_rows(rows).updated == 2
    row.refresh_from_db()
    assert row.received_in_person == 1250 and row.live and not row.workflow_in_progress


def test_index_results_are_moderated_too(client, people, django_capture_on_commit_callbacks):
    editor, reviewer = people
    add_url = "/admin/snippets/reform_statistics/indexscore/add/"
    data = {
        "index": "sipas",
        "period_kind": "nam",
        "year": 2024,
        "number": 1,
        "score": "86.35",
        "components-TOTAL_FORMS": 0,
        "components-INITIAL_FORMS": 0,
        "components-MIN_NUM_FORMS": 0,
        "components-MAX_NUM_FORMS": 1000,
    }
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url, {**data, "action-submit": "1"})
        assert response.status_code == 302, response.context["form"].errors
    result = IndexScore.objects.get()
    assert not result.live and result.workflow_in_progress
    client.logout()
    assert "86,35" not in client.get("/thong-ke/chi-so/sipas/").content.decode()
    assert not SearchEntry.objects.filter(key=document_key(result)).exists()

    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/snippets/reform_statistics/indexscore/edit/{result.pk}/",
            {**data, "action-workflow-action": "true", "workflow-action-name": "approve"},
        )
    result.refresh_from_db()
    assert result.live
    client.logout()
    assert "86,35" in client.get("/thong-ke/chi-so/sipas/").content.decode()
    assert SearchEntry.objects.filter(key=document_key(result)).exists()

    # Unpublishing takes it off the page and out of the search again.
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/snippets/reform_statistics/indexscore/unpublish/{result.pk}/")
    result.refresh_from_db()
    assert not result.live
    client.logout()
    assert "86,35" not in client.get("/thong-ke/chi-so/sipas/").content.decode()
    assert not SearchEntry.objects.filter(key=document_key(result)).exists()


def test_an_uploaded_file_is_mailed_to_the_reviewers(
    client, people, justice, django_capture_on_commit_callbacks
):
    editor, reviewer = people
    groups = setup_roles()
    users = get_user_model().objects
    administrator = users.create_user("quantri", "quantri@example.invalid", "pw")
    administrator.groups.add(groups[SITE_ADMINISTRATORS])
    users.create_user("nghi", "nghi@example.invalid", "pw", is_active=False).groups.add(
        groups[REVIEWERS]
    )
    users.create_user("khongthu", "", "pw").groups.add(groups[REVIEWERS])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, editor, csv_file(GOOD))
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "duyet@example.invalid",
        "quantri@example.invalid",
    ]
    message = next(m for m in mail.outbox if m.to == [reviewer.email])
    assert message.subject == "Chờ duyệt: lô số liệu thống kê “so-lieu.csv”"
    assert "Xin chào Minh" in message.body
    assert "Tài khoản thongke (Hoa) vừa tải lên tệp số liệu thống kê “so-lieu.csv”" in message.body
    assert "2 dòng hợp lệ" in message.body
    assert f"http://testserver/admin/thong-ke/lo-so-lieu/{batch.pk}/" in message.body
    # The uploader is not told of their own upload.
    assert not [m for m in mail.outbox if m.to == [editor.email]]


def test_a_mail_failure_never_breaks_the_upload(
    client, people, justice, caplog, django_capture_on_commit_callbacks
):
    editor, _ = people
    with (
        mock.patch(
            "reform_statistics.notifications.send_mail", side_effect=OSError("no mail server")
        ),
        caplog.at_level(logging.ERROR, logger="reform_statistics.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = upload(client, editor, csv_file(GOOD))
    assert response.status_code == 302
    assert ImportBatch.objects.get().is_pending
    assert "Could not tell duyet@example.invalid" in caplog.text


def test_drafts_count_nowhere_else_either(client, people, justice):
    """The home page's figures, the reports' figure blocks and the procedure pages' links
    read live rows only."""
    import datetime

    from reform_plans.figures import figures_for
    from reform_statistics.templatetags.statistics_tags import agencies_with_statistics

    editor, _ = people
    health = Agency.objects.create(name="Sở Y tế", short_name="SYT", kind="so")
    client.force_login(editor)
    client.post(ADD_URL, figures(health, number=1))
    assert DossierStatistics.objects.filter(agency=health, live=False).exists()
    quarter = (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
    assert figures_for(*quarter).totals.received == 1000  # Sở Tư pháp's live row alone
    assert figures_for(*quarter, agency=health).empty
    assert agencies_with_statistics([justice, health]) == {justice.pk}
    client.logout()
    home = client.get("/").content.decode()
    assert "1.000" in home and "1.777" not in home


def test_the_migration_marks_every_stored_row_published(justice):
    """Rows stored before moderation were public: the migration keeps them live (the field's
    default) and records them as published, so the admin shows them as live."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("reform_statistics.migrations.0003_moderation")
    DossierStatistics.objects.update(live=False, first_published_at=None)
    migration.mark_published(apps, None)
    row = DossierStatistics.objects.get(agency=justice)
    assert row.live and row.first_published_at is not None


def test_a_reviewer_sends_figures_back_with_a_comment(client, people, justice):
    editor, reviewer = people
    client.force_login(editor)
    data = figures(justice)
    client.post(ADD_URL, {**data, "action-submit": "1"})
    row = DossierStatistics.objects.get(number=3)
    mail.outbox.clear()
    client.force_login(reviewer)
    client.post(
        edit_url(row),
        {
            **data,
            "action-workflow-action": "true",
            "workflow-action-name": "reject",
            "workflow-action-extra-data": '{"comment": "Kiểm tra lại số trễ hạn"}',
        },
    )
    row.refresh_from_db()
    assert not row.live
    (sent_back,) = [m for m in mail.outbox if m.to == [editor.email]]
    assert sent_back.subject.startswith("Cần sửa: Số liệu giải quyết hồ sơ")
    assert 'Ý kiến của người duyệt: "Kiểm tra lại số trễ hạn"' in sent_back.body
    assert edit_url(row) in sent_back.body
