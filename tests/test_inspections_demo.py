"""Demo content of news and inspections: dated relative to today, realistic, idempotent."""

import datetime
import io

import pytest
from django.utils import timezone
from wagtail.images import get_image_model

import agencies.demo
import inspections.demo
import news.demo
from administrative_units.models import AdministrativeUnit, DivisionType
from agencies.models import Agency
from inspections.models import (
    InspectionPage,
    InspectionPlanPage,
    PlannedInspection,
    Remedy,
    RemedyStatus,
    RemedyStatusChange,
)
from news.models import NewsCategory, NewsPage

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def load(home, today=None, monkeypatch=None):
    if today is not None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: today)
    out = io.StringIO()
    for module in (agencies.demo, news.demo, inspections.demo):
        module.load(home, out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "articles": NewsPage.objects.count(),
        "images": get_image_model().objects.count(),
        "inspections": InspectionPage.objects.count(),
        "plans": InspectionPlanPage.objects.count(),
        "plan lines": PlannedInspection.objects.count(),
        "remedies": Remedy.objects.count(),
        "history": RemedyStatusChange.objects.count(),
        "agencies": Agency.objects.count(),
    }


@pytest.fixture
def demo(home_page):
    province = AdministrativeUnit.objects.create(
        code="82", name="Đồng Tháp", division_type=DivisionType.PROVINCE
    )
    for n, name in enumerate(
        ["Mỹ An Hưng", "Tân Dương", "Phong Hòa", "Lai Vung", "Lấp Vò", "Sa Đéc"]
    ):
        AdministrativeUnit.objects.create(
            code=f"2800{n}", name=f"Xã {name}", division_type=DivisionType.COMMUNE, parent=province
        )
    load(home_page)
    return home_page


def check_a_year_of_news_up_to_today_in_every_category():
    today = timezone.localdate()
    dates = list(NewsPage.objects.live().values_list("date", flat=True))
    assert max(dates) <= today
    recent = [d for d in dates if d > today - 365 * DAY]
    assert len(recent) >= 20
    assert max(dates) >= today - 31 * DAY  # the archive shows recent months
    for category in NewsCategory.objects.all():
        assert category.articles.filter(date__gt=today - 365 * DAY).exists(), category.name
    assert not NewsPage.objects.filter(listing_image=None).exists()


def check_article_text_follows_its_year():
    plan = NewsPage.objects.get(slug="ke-hoach-cchc-nam")
    assert plan.title.endswith(f"năm {plan.date.year}")
    review = NewsPage.objects.get(slug="hoi-nghi-tong-ket-cchc-nam-truoc")
    assert f"năm {review.date.year - 1}" in review.title
    assert "{" not in "".join(NewsPage.objects.values_list("title", flat=True))


def check_remedies_in_every_status_and_overdue_by_weeks_not_years():
    remedies = list(Remedy.objects.select_related("page"))
    assert {r.status for r in remedies} == set(RemedyStatus.values)
    overdue = [r for r in remedies if r.overdue]
    assert len(overdue) >= 2
    assert all(r.days_overdue <= 60 for r in overdue), [r.days_overdue for r in overdue]
    assert any(r.completed_late for r in remedies)
    today = timezone.localdate()
    for remedy in remedies:
        assert remedy.deadline >= remedy.page.start_date
        assert remedy.page.start_date <= today
        for change in remedy.status_changes.all():
            assert remedy.page.start_date <= change.changed_on <= today


def check_historical_district_committees_are_spelled_properly():
    names = set(Agency.objects.filter(is_historical=True).values_list("name", flat=True))
    assert {"Ủy ban nhân dân huyện Lai Vung", "Ủy ban nhân dân huyện Lấp Vò"} <= names
    assert not [n for n in Agency.objects.values_list("name", flat=True) if "huyện lai vung" in n]


def check_inspections_under_the_plan_of_their_year_and_units_over_the_years():
    for inspection in InspectionPage.objects.all():
        assert inspection.get_parent().specific.year == inspection.start_date.year
    assert InspectionPlanPage.objects.filter(year=timezone.localdate().year).exists()
    justice = Agency.objects.get(name="Sở Tư pháp tỉnh Đồng Tháp")
    years = {i.start_date.year for i in InspectionPage.objects.filter(inspected_agencies=justice)}
    assert len(years) == 2


def check_news_about_an_inspection_is_dated_after_it():
    linked = NewsPage.objects.exclude(inspection=None).select_related("inspection")
    assert linked.count() == len(inspections.demo.NEWS_ABOUT_INSPECTIONS)
    for article in linked:
        inspection = article.inspection
        assert article.date > (inspection.end_date or inspection.start_date)


def test_demo_content(demo):
    """One load (it takes seconds), every check of what readers and journalists would see."""
    check_a_year_of_news_up_to_today_in_every_category()
    check_article_text_follows_its_year()
    check_remedies_in_every_status_and_overdue_by_weeks_not_years()
    check_historical_district_committees_are_spelled_properly()
    check_inspections_under_the_plan_of_their_year_and_units_over_the_years()
    check_news_about_an_inspection_is_dated_after_it()


def test_loading_again_changes_nothing_even_months_later(demo, monkeypatch):
    before = counts()
    load(demo)
    assert counts() == before
    later = timezone.localdate() + 200 * DAY
    load(demo, today=later, monkeypatch=monkeypatch)
    after = counts()
    # A new year's plan may appear; nothing else is doubled.
    assert after["plans"] >= before["plans"]
    del after["plans"], before["plans"], after["plan lines"], before["plan lines"]
    assert after == before
    for inspection in InspectionPage.objects.all():
        assert inspection.get_parent().specific.year == inspection.start_date.year
    assert max(NewsPage.objects.values_list("date", flat=True)) > later - 31 * DAY
