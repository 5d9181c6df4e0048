"""Editors in a real browser: the reviewer is asked before approving from the dashboard, the
procedure editor types fees the Vietnamese way, and the admin fetches nothing from other hosts."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from home.roles import PROCEDURE_EDITORS, REVIEWERS, setup_roles
from procedures_catalog.models import ProcedureChannel, ProcedureIndexPage, ProcedurePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(home_page):
    groups = setup_roles()
    users = get_user_model().objects
    editor = users.create_user("thutuc", "thutuc@example.invalid", "Mat-khau-thu-tuc-1")
    editor.groups.add(groups[PROCEDURE_EDITORS])
    reviewer = users.create_user("duyet", "duyet@example.invalid", "Mat-khau-duyet-1")
    reviewer.groups.add(groups[REVIEWERS])
    return editor, reviewer


@pytest.fixture
def procedure(people):
    page = ProcedurePage(title="Đăng ký kết hôn", code="1.000894")
    ProcedureIndexPage.objects.get().add_child(instance=page)
    page.channels = [ProcedureChannel(mode="truc_tiep", fee_amount=Decimal("8000"))]
    page.save_revision().publish()
    return page


def _live_fee(procedure):
    return ProcedureChannel.objects.get(page_id=procedure.pk).fee_amount


def _log_in(page, live_server, username, password):
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_editor_types_a_fee_and_reviewer_confirms_approval(
    browser_page, live_server, procedure, people
):
    page = browser_page
    other_hosts = []
    page.on(
        "request",
        lambda r: (
            other_hosts.append(r.url) if not r.url.startswith((live_server.url, "data:")) else None
        ),
    )
    _log_in(page, live_server, "thutuc", "Mat-khau-thu-tuc-1")
    page.goto(f"{live_server.url}/admin/pages/{procedure.pk}/edit/")
    fee = page.locator("input[name$='fee_amount']").first
    assert fee.input_value() == "8.000"
    fee.fill("50 000")
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name=action-submit]").click()
    page.wait_for_load_state("networkidle")
    assert _live_fee(procedure) == Decimal("8000")  # live until approved

    page.context.clear_cookies()
    _log_in(page, live_server, "duyet", "Mat-khau-duyet-1")
    asked = []

    def refuse(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", refuse)
    page.locator("table [data-w-dropdown-target='toggle']").first.click()
    approve = page.locator("[data-workflow-action-url*='/approve/']:not([data-launch-modal])")
    approve.first.click()
    page.wait_for_timeout(500)
    assert asked and "Đăng ký kết hôn" in asked[0] and "đăng công khai" in asked[0]
    assert _live_fee(procedure) == Decimal("8000")  # refused: nothing happened

    page.once("dialog", lambda dialog: dialog.accept())
    if not approve.first.is_visible():
        page.locator("table [data-w-dropdown-target='toggle']").first.click()
    approve.first.click()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert _live_fee(procedure) == Decimal("50000")
    procedure.refresh_from_db()
    assert procedure.live
    assert other_hosts == []
