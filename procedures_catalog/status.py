"""What a procedure's status means for the person reading about it, in one sentence.

The page, its printed checklist, search results and exports all say the same thing about an
abolished, replaced or suspended procedure: what happened, since when, by which decision.
"""

from __future__ import annotations


def _date(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def status_sentence(page) -> str:
    """ "Thủ tục này đã bị bãi bỏ từ ngày 01/07/2025 theo Quyết định số 1868/QĐ-BTC ngày
    03/06/2025." for an ended procedure; "" for one in force."""
    event = page.status_event
    if not event:
        return ""
    parts = [f"Thủ tục này {event}"]
    # "Since when": the date the status took effect; without it, the decision's date says it
    # (once: "theo Quyết định ... ngày ..."), or stands alone when no number is known.
    since = page.status_since or (None if page.decision_number else page.decision_date)
    if since:
        parts.append(f"từ ngày {_date(since)}")
    if page.decision_number:
        decision = f"theo Quyết định số {page.decision_number}"
        if page.decision_date:
            decision += f" ngày {_date(page.decision_date)}"
        parts.append(decision)
    return " ".join(parts) + "."
