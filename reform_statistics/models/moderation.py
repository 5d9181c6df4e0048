"""What the statistics share with moderated pages: live rows for the public, fixed slots.

Dossier figures and index results use Wagtail's draft state, revisions, locking and workflow
(the reviewers' approval task, home/roles.py). Public code reads only `.live()` rows. For a
live row with a change waiting for review, the row itself keeps the published values and the
change waits in its latest revision, so `.live()` rows always show what was published.

The slot of a row (agency, commune and period; index and period) is its identity in imports
and URLs, and a row's slot is held from the moment it is saved, draft or not, so two rows
never compete for it. A published row therefore keeps its slot: a change of agency or period
in a draft could no longer be checked against the rows that take the slot meanwhile.
"""

from __future__ import annotations

from django.db import models


class ModeratedQuerySet(models.QuerySet):
    def live(self):
        """The rows the public may see (published, possibly with a newer draft waiting)."""
        return self.filter(live=True)


def refuse_key_change(row, key_fields: tuple[str, ...]) -> dict[str, str]:
    """A form error when `row` is published and its draft moves it to another slot."""
    if row.pk is None:
        return {}
    stored = (
        type(row)
        .objects.filter(pk=row.pk, live=True)
        .values(*(row._meta.get_field(name).attname for name in key_fields))
        .first()
    )
    if stored is None:
        return {}
    for name in key_fields:
        attname = row._meta.get_field(name).attname
        if getattr(row, attname) != stored[attname]:
            return {
                name: "Số liệu đã công bố không đổi được cơ quan, xã, phường, chỉ số hay kỳ. "
                "Hãy thêm số liệu mới cho đúng kỳ; người duyệt sẽ xóa dòng sai."
            }
    return {}
