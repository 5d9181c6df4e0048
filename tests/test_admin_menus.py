"""Menus show each role only what it can use: a news editor has no procedure or document
listing, no catalogue vocabularies and no procedures report in the sidebar."""

import pytest
from django.contrib.auth import get_user_model

from home.roles import (
    LEGAL_DOCUMENT_EDITORS,
    NEWS_EDITORS,
    PROCEDURE_EDITORS,
    REVIEWERS,
    setup_roles,
)

pytestmark = pytest.mark.django_db

LISTINGS = {
    "news": "/admin/tin-bai/",
    "inspections": "/admin/ket-qua-kiem-tra/",
    "procedures": "/admin/procedures/",
    "documents": "/admin/van_ban/",
    "procedure vocabularies": "/admin/snippets/procedures_catalog/field/",
    "document vocabularies": "/admin/snippets/legal_documents/documenttype/",
    "procedures report": "/admin/reports/thu-tuc-can-ra-soat/",
    "users": "/admin/users/",
}
SHOWN = {
    NEWS_EDITORS: {"news", "inspections"},
    PROCEDURE_EDITORS: {"procedures", "procedure vocabularies", "procedures report"},
    LEGAL_DOCUMENT_EDITORS: {"documents", "document vocabularies", "procedures report"},
    REVIEWERS: set(LISTINGS) - {"users"},
}


@pytest.mark.parametrize("group_name", list(SHOWN))
def test_sidebar_shows_only_the_roles_sections(home_page, client, group_name):
    groups = setup_roles()
    user = get_user_model().objects.create_user("someone", password="x")
    user.groups.add(groups[group_name])
    client.force_login(user)
    sidebar = client.get("/admin/").content.decode()
    shown = {
        name for name, url in LISTINGS.items() if f'"{url}"' in sidebar.replace("\\u002D", "-")
    }
    assert shown == SHOWN[group_name]
    for name in SHOWN[group_name]:
        assert client.get(LISTINGS[name]).status_code == 200, name
