"""Dossier statistics: periods, derived rates, validation, admin and who may edit them."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from agencies.models import Agency
from home.roles import NEWS_EDITORS, REVIEWERS, STATISTICS_EDITORS, WORKFLOW_NAME, setup_roles
from reform_statistics.formatting import vn_number, vn_percent
from reform_statistics.models import DossierStatistics, IndexScore, Totals, period_bounds

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre():
    return Agency.objects.create(
        name="Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp", kind="trung_tam"
    )


def quarter_one(agency, **counts):
    values = {
        "period_kind": "quy",
        "year": 2020,
        "number": 1,
        "received_in_person": 1500,
        "received_online": 500,
        "received_by_post": 84,
        "resolved_on_time": 1604,
        "resolved_late": 10,
        "in_progress_on_time": 470,
    }
    values.update(counts)
    return DossierStatistics(agency=agency, **values)


def test_period_bounds():
    assert period_bounds("thang", 2024, 2) == (
        datetime.date(2024, 2, 1),
        datetime.date(2024, 2, 29),
    )
    assert period_bounds("quy", 2025, 4) == (
        datetime.date(2025, 10, 1),
        datetime.date(2025, 12, 31),
    )
    assert period_bounds("nam", 2023, 1) == (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))


def test_derived_rates_from_the_seed_quarter(centre):
    row = quarter_one(centre)
    row.full_clean()
    row.save()
    assert (row.start_date, row.end_date) == (datetime.date(2020, 1, 1), datetime.date(2020, 3, 31))
    assert row.received == 2084
    assert row.resolved == 1614
    assert row.late == 10
    # 1604 / 1614 resolved on time.
    assert row.on_time_rate == Decimal("99.38")
    assert row.online_share == Decimal("23.99")
    assert row.period_label == "Quý I/2020"
    assert vn_number(row.received) == "2.084"
    assert vn_percent(row.on_time_rate) == "99,38%"


def test_rates_with_nothing_received_are_absent_not_zero(centre):
    row = quarter_one(
        centre,
        received_in_person=0,
        received_online=0,
        received_by_post=0,
        resolved_on_time=0,
        resolved_late=0,
        in_progress_on_time=0,
    )
    row.full_clean()
    assert row.on_time_rate is None
    assert row.online_share is None
    assert vn_percent(row.on_time_rate) == "–"


def test_totals_sum_rows_before_dividing(centre):
    other = Agency.objects.create(name="Sở Tư pháp", kind="so")
    totals = Totals(
        [
            quarter_one(centre),
            quarter_one(other, resolved_on_time=0, resolved_late=100, in_progress_on_time=0),
        ]
    )
    assert totals.received == 4168
    assert totals.on_time_rate == Decimal("93.58")  # 1604 / 1714, not the mean of two rates


def test_handled_cannot_exceed_received(centre):
    row = quarter_one(centre, in_progress_late=1)
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "nhiều hơn số hồ sơ tiếp nhận (2084)" in str(error.value.message_dict)


@pytest.mark.parametrize(("kind", "number"), [("quy", 5), ("thang", 13), ("nam", 2), ("quy", 0)])
def test_period_number_must_fit_the_kind(centre, kind, number):
    row = quarter_one(centre, period_kind=kind, number=number)
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "number" in error.value.message_dict


def test_negative_counts_are_refused(centre):
    row = quarter_one(centre, apology_letters=-1)
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "apology_letters" in error.value.message_dict


def test_one_row_per_agency_and_period(centre):
    quarter_one(centre).save()
    with pytest.raises(ValidationError) as error:
        quarter_one(centre).full_clean()
    assert "Đã có số liệu của cơ quan này cho quý I/2020" in str(error.value.message_dict)
    with pytest.raises(IntegrityError):
        quarter_one(centre).save()


def test_an_agency_period_is_whole_or_per_commune_never_both(centre):
    """Both would count the same dossiers twice in every total."""
    from administrative_units.models import AdministrativeUnit

    commune = AdministrativeUnit.objects.create(code="99001", name="Xã An Bình", division_type="xa")
    quarter_one(centre).save()
    with pytest.raises(ValidationError) as error:
        quarter_one(centre, administrative_unit=commune).full_clean()
    assert "đã có số liệu toàn cơ quan cho quý I/2020" in str(error.value.message_dict)
    DossierStatistics.objects.all().delete()
    quarter_one(centre, administrative_unit=commune).save()
    with pytest.raises(ValidationError) as error:
        quarter_one(centre).full_clean()
    assert "đã có số liệu theo từng xã, phường cho quý I/2020" in str(
        error.value.message_dict["administrative_unit"]
    )
    # Another period, or another agency, is free to choose.
    quarter_one(centre, number=2).full_clean()


def make_user(username, group):
    user = get_user_model().objects.create_user(username, password="pw")
    user.groups.add(group)
    return user


def test_statistics_editors_and_reviewers_edit_figures_news_editors_do_not(home_page, centre):
    groups = setup_roles()
    editor = make_user("thongke", groups[STATISTICS_EDITORS])
    reviewer = make_user("duyet", groups[REVIEWERS])
    news_editor = make_user("tintuc", groups[NEWS_EDITORS])
    for model in ("dossierstatistics", "indexscore"):
        for user in (editor, reviewer):
            assert user.has_perm(f"reform_statistics.change_{model}")
            assert user.has_perm(f"reform_statistics.add_{model}")
        # Editors draft and submit; only reviewers publish, delete and unlock.
        for action in ("publish", "delete", "lock", "unlock"):
            assert reviewer.has_perm(f"reform_statistics.{action}_{model}")
            assert not editor.has_perm(f"reform_statistics.{action}_{model}")
        assert not news_editor.has_perm(f"reform_statistics.change_{model}")
    # Both models go through the pages' workflow.
    assert DossierStatistics.get_default_workflow().name == WORKFLOW_NAME
    assert IndexScore.get_default_workflow().name == WORKFLOW_NAME


def test_admin_lists_filters_and_edits(client, centre, home_page):
    admin = get_user_model().objects.create_superuser("admin", "a@example.vn", "pw")
    client.force_login(admin)
    row = quarter_one(centre)
    row.save()
    listing = client.get("/admin/snippets/reform_statistics/dossierstatistics/?period_kind=quy")
    assert listing.status_code == 200
    body = listing.content.decode()
    assert "Quý I/2020" in body and "99,38%" in body
    edit_url = f"/admin/snippets/reform_statistics/dossierstatistics/edit/{row.pk}/"
    assert client.get(edit_url).status_code == 200
    data = {
        "agency": centre.pk,
        "period_kind": "quy",
        "year": 2020,
        "number": 1,
        "received_in_person": 10,
        "received_online": 0,
        "received_by_post": 0,
        "resolved_on_time": 20,
        "resolved_late": 0,
        "in_progress_on_time": 0,
        "in_progress_late": 0,
        "returned_or_withdrawn": 0,
        "apology_letters": 0,
    }
    refused = client.post(edit_url, data)
    assert refused.status_code == 200
    assert "nhiều hơn số hồ sơ tiếp nhận" in refused.content.decode()
    row.refresh_from_db()
    assert row.received == 2084


def test_statistics_editor_adds_figures_in_the_admin(client, home_page, centre):
    groups = setup_roles()
    editor = make_user("nhapso", groups[STATISTICS_EDITORS])
    client.force_login(editor)
    add_url = "/admin/snippets/reform_statistics/dossierstatistics/add/"
    assert client.get(add_url).status_code == 200
    data = {
        "agency": centre.pk,
        "period_kind": "quy",
        "year": 2025,
        "number": 3,
        "received_in_person": 100,
        "received_online": 50,
        "received_by_post": 0,
        "resolved_on_time": 120,
        "resolved_late": 5,
        "in_progress_on_time": 25,
        "in_progress_late": 0,
        "returned_or_withdrawn": 0,
        "apology_letters": 5,
    }
    response = client.post(add_url, data)
    assert response.status_code == 302
    row = DossierStatistics.objects.get(year=2025, number=3)
    assert row.on_time_rate == Decimal("96.00")
    # Saved as a draft, for a reviewer to publish (tests/test_reform_statistics_moderation.py).
    assert not row.live
    assert not DossierStatistics.objects.live().exists()
    # Agencies stay the reviewers' to change.
    assert not editor.has_perm("agencies.change_agency")
