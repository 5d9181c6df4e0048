"""Forms that fit Vietnamese habits: money as typed here, short ASCII slugs, readable
comparisons between revisions."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from base.compare import readable
from base.money import MoneyFormField, format_money, parse_money
from legal_documents.models import LegalDocumentIndexPage, LegalDocumentPage
from news.models import NewsCategory, NewsIndexPage, NewsPage
from procedures_catalog.models import ProcedureChannel, ProcedureIndexPage, ProcedurePage


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("50.000", Decimal(50000)),
        ("50 000", Decimal(50000)),
        ("50\u00a0000", Decimal(50000)),
        ("50000", Decimal(50000)),
        ("1.500.000 đồng", Decimal(1500000)),
        ("100.000 đ", Decimal(100000)),
        ("0", Decimal(0)),
        ("12,50", Decimal("12.50")),
        ("", None),
    ],
)
def test_money_as_typed(typed, amount):
    assert parse_money(typed) == amount


@pytest.mark.parametrize("typed", ["100.00", "50,000", "5.00.000", "năm mươi nghìn", "-5", "1,234"])
def test_ambiguous_or_wrong_money_is_refused_with_a_vietnamese_message(typed):
    with pytest.raises(ValidationError) as caught:
        parse_money(typed)
    assert "50.000" in caught.value.messages[0]


def test_money_is_shown_back_formatted():
    assert format_money(Decimal("50000.00")) == "50.000"
    assert format_money(Decimal("1500000")) == "1.500.000"
    assert format_money(Decimal("12.5")) == "12,50"

    class FeeForm(forms.Form):
        fee = MoneyFormField(max_digits=15, decimal_places=2, required=False)

    form = FeeForm({"fee": "50.000"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["fee"] == Decimal(50000)
    assert 'value="50.000"' in str(FeeForm(initial={"fee": Decimal("50000.00")})["fee"])
    bad = FeeForm({"fee": "100.00"})
    assert not bad.is_valid()
    assert "50.000" in bad.errors["fee"][0]


def test_the_fee_field_of_a_channel_uses_the_money_field():
    field = ProcedureChannel._meta.get_field("fee_amount").formfield()
    assert isinstance(field, MoneyFormField)


def test_readable_values_in_comparisons():
    fee = ProcedureChannel._meta.get_field("fee_amount")
    assert readable(fee, Decimal("100000.00")) == "100.000"
    required = ProcedureChannel._meta.get_field("mode")
    assert readable(required, None) == "(trống)"
    assert readable(LegalDocumentPage._meta.get_field("issued_on"), datetime.date(2024, 3, 5)) == (
        "05/03/2024"
    )
    flag = LegalDocumentPage._meta.get_field("live")
    assert readable(flag, True) == "Có"
    assert readable(flag, False) == "Không"


@pytest.mark.django_db
def test_compare_view_shows_fee_change_readably(home_page, client):
    page = ProcedurePage(title="Đăng ký kết hôn", code="1.000894")
    ProcedureIndexPage.objects.get().add_child(instance=page)
    page.channels = [ProcedureChannel(mode="truc_tiep", fee_amount=Decimal("100000.00"))]
    first = page.save_revision()
    page.channels = [ProcedureChannel(mode="truc_tiep", fee_amount=Decimal("50000"))]
    second = page.save_revision()
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk])
    html = client.get(url).content.decode()
    assert "100000.0050000" not in html
    assert '<span class="deletion">100.000</span> → <span class="addition">50.000</span>' in html
    assert "QuerySet" not in html  # many-to-many fields keep Wagtail's list comparison


def _news(title, slug):
    category, _ = NewsCategory.objects.get_or_create(name="Tin hoạt động")
    page = NewsPage(title=title, slug=slug, standfirst="Tóm tắt.", category=category)
    NewsIndexPage.objects.get().add_child(instance=page)
    return page


@pytest.mark.django_db
def test_new_pages_get_short_ascii_slugs(home_page):
    title = (
        "Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2025 "
        "và triển khai nhiệm vụ trọng tâm năm 2026 tại trung tâm hội nghị tỉnh"
    )
    news = _news(title, "")
    assert news.slug.isascii()
    assert len(news.slug) <= 60
    assert news.slug.startswith("uy-ban-nhan-dan-tinh-to-chuc-hoi-nghi")
    assert not news.slug.endswith("-")

    # As the admin's slug field fills it while the title is typed, with diacritics.
    again = _news(title, "ủy-ban-nhân-dân-tỉnh-tổ-chức-hội-nghị-tổng-kết-công-tác")
    assert again.slug == news.slug + "-2"

    # A slug the editor chose is kept, only made ASCII.
    chosen = _news(title, "hội-nghị-cchc-2025")
    assert chosen.slug == "hoi-nghi-cchc-2025"

    # Legal documents take their number.
    document = LegalDocumentPage(title=title, number="12/QĐ-UBND", slug="")
    LegalDocumentIndexPage.objects.get().add_child(instance=document)
    assert document.slug.startswith("12-qd-ubnd")


@pytest.mark.django_db
def test_the_admin_scripts_stripped_slug_becomes_the_titles(home_page):
    """Wagtail's slug script keeps "á" as "a" but drops "ế", "ả" and a word like "ở": seen
    in the admin as "bao-cao-kt-qu-ci-cach-hanh-chinh-quy" for the title below."""
    page = _news("Báo cáo kết quả cải cách hành chính quý", "bao-cao-kt-qu-ci-cach-hanh-chinh-quy")
    assert page.slug == "bao-cao-ket-qua-cai-cach-hanh-chinh-quy"
    home_visit = _news("Hỗ trợ người dân ở xã", "h-tr-ngi-dan-xa")
    assert home_visit.slug == "ho-tro-nguoi-dan-o-xa"


@pytest.mark.django_db
def test_the_admin_form_gives_an_unpublished_page_its_titles_slug(home_page):
    """The admin's autosave creates the page from the form as the editor sees it: the form
    itself corrects the mangled slug, made unique under the parent."""
    _news("Báo cáo kết quả cải cách hành chính quý", "")  # takes the plain slug
    index = NewsIndexPage.objects.get()
    editor = get_user_model().objects.create_superuser("bientap", "b@example.org", "x")
    form_class = NewsPage.get_edit_handler().get_form_class()
    title = "Báo cáo kết quả cải cách hành chính quý"

    def cleaned(slug, instance):
        form = form_class(
            data={"title": title, "slug": slug},
            instance=instance,
            parent_page=index,
            for_user=editor,
        )
        form.cleaned_data = {"slug": slug}
        return form.clean_slug()

    mangled = "bao-cao-kt-qu-ci-cach-hanh-chinh-quy"
    assert cleaned(mangled, NewsPage()) == "bao-cao-ket-qua-cai-cach-hanh-chinh-quy-2"
    assert cleaned("bao-cao-quy", NewsPage()) == "bao-cao-quy"
    published = _news("Tin đã đăng", "tin-da-dang")
    published.first_published_at = published.first_published_at or datetime.datetime.now(
        datetime.UTC
    )
    assert cleaned(mangled, published) == mangled  # a published page's URL never moves


@pytest.mark.django_db
def test_a_short_slug_the_editor_typed_is_kept(home_page):
    page = _news("Thủ tục hành chính mới", "thu-tuc")
    assert page.slug == "thu-tuc"


@pytest.mark.django_db
def test_existing_slugs_never_change(home_page):
    news = _news("Tin cũ", "tin-cu")
    news.title = "Một tiêu đề mới rất khác"
    news.save()
    assert news.slug == "tin-cu"
