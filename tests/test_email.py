"""E-mail: one EMAIL_URL setting, Vietnamese workflow notifications, password reset.

Notifications go through Django's test outbox here; the last test sends a real notification
to a local SMTP server (aiosmtpd) over a socket, as a deployment would.
"""

import socket

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from home.roles import LEGAL_DOCUMENT_EDITORS, REVIEWERS, setup_roles
from legal_documents.models import LegalDocumentIndexPage, LegalDocumentPage
from portal.settings.base import email_settings

pytestmark = pytest.mark.django_db

ENGLISH = ("Hello", "has been", "You can", "submitted", "approved", "rejected", "Password reset")


def test_email_url_forms():
    smtp = email_settings(
        "smtp://cchc:mat%40khau@mail.tinh.gov.vn:587?tls=true&_default_from_email=cchc@tinh.gov.vn"
    )
    assert smtp["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert smtp["EMAIL_HOST"] == "mail.tinh.gov.vn"
    assert smtp["EMAIL_PORT"] == 587
    assert smtp["EMAIL_USE_TLS"] is True
    assert smtp["EMAIL_HOST_PASSWORD"] == "mat@khau"
    assert smtp["DEFAULT_FROM_EMAIL"] == "cchc@tinh.gov.vn"
    assert smtp["EMAIL_TIMEOUT"] == 10
    console = email_settings("console:")
    assert console["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    with pytest.raises(ImproperlyConfigured):
        email_settings("carrier-pigeon://loft")


@pytest.fixture
def people(home_page):
    groups = setup_roles()
    users = get_user_model().objects
    editor = users.create_user("vanban", "vanban@example.invalid", "x", first_name="Lan")
    editor.groups.add(groups[LEGAL_DOCUMENT_EDITORS])
    reviewer = users.create_user("duyet", "duyet@example.invalid", "x", first_name="Minh")
    reviewer.groups.add(groups[REVIEWERS])
    return editor, reviewer


def _submit(editor):
    page = LegalDocumentPage(title="Quyết định số 12/QĐ-UBND về cải cách", number="12/QĐ-UBND")
    LegalDocumentIndexPage.objects.get().add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return page


def _assert_vietnamese(message):
    text = message.subject + "\n" + message.body
    for word in ENGLISH:
        assert word not in text, (word, text)


def test_reviewers_are_told_of_submissions_and_editors_of_decisions(people):
    editor, reviewer = people
    mail.outbox.clear()
    page = _submit(editor)
    to_reviewer = [m for m in mail.outbox if m.to == [reviewer.email]]
    assert len(to_reviewer) == 1
    assert to_reviewer[0].subject == 'Chờ duyệt: "Quyết định số 12/QĐ-UBND về cải cách"'
    assert "Xin chào Minh" in to_reviewer[0].body
    assert f"/admin/pages/{page.pk}/edit/" in to_reviewer[0].body
    assert not [m for m in mail.outbox if m.to == [editor.email]]
    _assert_vietnamese(to_reviewer[0])

    mail.outbox.clear()
    task = page.current_workflow_task
    task.on_action(
        page.current_workflow_task_state, reviewer, "reject", comment="Bổ sung ngày ban hành"
    )
    (rejected,) = [m for m in mail.outbox if m.to == [editor.email]]
    assert rejected.subject.startswith("Cần sửa:")
    assert 'Ý kiến của người duyệt: "Bổ sung ngày ban hành"' in rejected.body
    _assert_vietnamese(rejected)

    mail.outbox.clear()
    page.refresh_from_db()
    page.current_workflow_state.resume(editor)  # the editor fixed it and submits again
    page.current_workflow_task.on_action(page.current_workflow_task_state, reviewer, "approve")
    (approved,) = [m for m in mail.outbox if m.to == [editor.email]]
    assert approved.subject == 'Đã duyệt: "Quyết định số 12/QĐ-UBND về cải cách"'
    assert "đã đăng công khai" in approved.body
    _assert_vietnamese(approved)


@override_settings(DEFAULT_FROM_EMAIL="Sở Nội vụ <cchc@tinh.gov.vn>")
def test_password_reset_sends_a_vietnamese_link_from_the_configured_address(people, client):
    editor, _ = people
    mail.outbox.clear()
    response = client.post("/admin/password_reset/", {"email": editor.email})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.from_email == "Sở Nội vụ <cchc@tinh.gov.vn>"
    assert message.subject == "Đặt lại mật khẩu"
    assert "/admin/password_reset/confirm/" in message.body
    _assert_vietnamese(message)
    link = next(line for line in message.body.splitlines() if "/confirm/" in line)
    path = link.split("testserver", 1)[1]
    form = client.get(path, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"},
    )
    assert done.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password("Mat-khau-moi-2026")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_real_notification_reaches_a_local_smtp_server(people, settings):
    """End to end over SMTP: the submission notification, as a mail server receives it."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Collect(Message):
        def handle_message(self, message):
            received.append(message)

    port = _free_port()
    controller = Controller(Collect(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 5
        editor, reviewer = people
        _submit(editor)
    finally:
        controller.stop()
    to_reviewer = [m for m in received if m["To"] == reviewer.email]
    assert len(to_reviewer) == 1
    body = to_reviewer[0].get_payload(decode=True).decode("utf-8")
    assert "đã được gửi duyệt" in body
