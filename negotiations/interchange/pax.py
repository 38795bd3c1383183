"""Agreements in PA-X's column layout (docs/agreements.md, "The PA-X layout export"), so that
a user can join this tracker's agreements with the PA-X Peace Agreements Database."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

from negotiations.domain.vocabulary import PAX_STAGES
from negotiations.read.models import Agreement
from tracker.spreadsheets import spreadsheet_cell

# PA-X's own columns first, then the tracker's.
PAX_COLUMNS = (
    "Con",
    "PPName",
    "AgtId",
    "Agt",
    "Dat",
    "Status",
    "Stage",
    "Part",
    "ThrdPart",
    "OthAgr",
)
TRACKER_COLUMNS = (
    "tracker_process",
    "tracker_agreement",
    "tracker_status",
    "tracker_concluded",  # signed, or agreed: PA-X's "signed/agreed" does not tell them apart
    "tracker_in_force_on",
    "tracker_closed_on",
    "tracker_end_reason",
)
COLUMNS = PAX_COLUMNS + TRACKER_COLUMNS
_PAX_AGREEMENT = re.compile(r"peaceagreements\.org/agreements/(\d+)")


def _day(value: Any, precision: str) -> str:
    if value is None:
        return ""
    return value.isoformat()[:7] if precision == "month" else value.isoformat()


def pax_row(
    agreement: Agreement, names: Mapping[str, str], titles: Mapping[tuple[Any, str], str]
) -> dict[str, str]:
    """One agreement as a row of PA-X's layout. `names` maps actor slugs to names, `titles`
    (process id, agreement slug) to titles (for the agreement it supersedes)."""
    pax_id = _PAX_AGREEMENT.search(agreement.text_url or "")
    third = [f"{names.get(t['actor'], t['actor'])} ({t['role']})" for t in agreement.third_parties]
    return {
        "Con": agreement.process.conflict,
        "PPName": agreement.process.name,
        "AgtId": pax_id.group(1) if pax_id else "",
        "Agt": agreement.title,
        "Dat": _day(agreement.signed_on, agreement.signed_on_precision),
        "Status": _pax_status(len(agreement.signatories)),
        "Stage": PAX_STAGES[agreement.stage][0],
        "Part": "/".join(names.get(s, s) for s in agreement.signatories),
        "ThrdPart": "/".join(third),
        "OthAgr": titles.get((agreement.process_id, agreement.supersedes), "")
        if agreement.supersedes
        else "",
        "tracker_process": agreement.process.slug,
        "tracker_agreement": agreement.slug,
        "tracker_status": agreement.status,
        "tracker_concluded": agreement.concluded,
        "tracker_in_force_on": _day(agreement.in_force_on, agreement.in_force_on_precision),
        "tracker_closed_on": _day(agreement.closed_on, agreement.closed_on_precision),
        "tracker_end_reason": agreement.end_reason,
    }


def pax_csv(agreements: Iterable[Agreement], names: Mapping[str, str]) -> str:
    """The agreements as CSV in PA-X's layout, a header row first; no cell is a formula a
    spreadsheet would run (`tracker.spreadsheets.spreadsheet_cell`)."""
    rows = list(agreements)
    titles = {(a.process_id, a.slug): a.title for a in rows}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for agreement in rows:
        row = pax_row(agreement, names, titles)
        writer.writerow({column: spreadsheet_cell(text) for column, text in row.items()})
    return out.getvalue()


def _pax_status(signatories: int) -> str:
    """PA-X's `Status`: two or more signatories, one, or empty when none is reported (not a
    unilateral document: who agreed is unknown, not one; and no PA-X code of ours is
    claimed for it)."""
    if signatories > 1:
        return "Multiparty signed/agreed"
    return "Unilateral document" if signatories == 1 else ""
