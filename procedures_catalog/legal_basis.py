"""The legal basis section of a procedure page, extensible by other apps through a hook.

`legal_basis_items(page)` builds one `LegalBasisItem` per cited number, then hands the list
to every function registered under the Wagtail hook "procedure_legal_basis"
(`fn(page, items) -> items`). The legal documents app registers one that links each number
to its register entry and fills its status, so this app never imports that one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from wagtail import hooks

HOOK_NAME = "procedure_legal_basis"


@dataclass
class LegalBasisItem:
    number: str
    title: str
    normalized_number: str
    url: str | None = None
    status_label: str = ""
    is_problem: bool = False
    notice: str = ""
    changed_on: datetime.date | None = None


def legal_basis_items(page) -> list[LegalBasisItem]:
    """The page's legal basis, in editor order, after every registered hook has had its say."""
    items = [
        LegalBasisItem(
            number=basis.number,
            title=basis.title,
            normalized_number=basis.normalized_number,
        )
        for basis in page.legal_basis.all()
    ]
    for fn in hooks.get_hooks(HOOK_NAME):
        items = fn(page, items)
    return items
