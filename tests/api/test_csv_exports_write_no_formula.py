"""The public CSV exports (processes, a process's events, agreements in PA-X's layout) never
hand a spreadsheet a formula: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
return is written with a leading `'` (OWASP's advice against CSV injection), while numbers,
dates and empty cells are written as they are."""

from __future__ import annotations

import csv
import io

import pytest

from tests.api.recording import opened_over_http, recorded
from tests.factories import SOURCE, signing
from tracker.spreadsheets import spreadsheet_cell

COMMAND = "=cmd|' /C calc'!A0"
LINK = '=HYPERLINK("http://evil","x")'


def read_csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def no_cell_opens_a_formula(rows: list[dict[str, str]]) -> bool:
    """No cell begins with what a spreadsheet reads as a formula (or a control character)."""
    return not any(value[:1] in "=+-@\t\r" for row in rows for value in row.values() if value)


@pytest.fixture
def talks(editor_api, actors) -> str:
    return opened_over_http(
        editor_api,
        name=COMMAND,
        conflict="+conflict",
        sources=[{**SOURCE, "outlet": LINK}],
    )


def test_a_process_list_cell_is_never_a_formula(anon, talks):
    (row,) = read_csv(anon.get("/api/v1/processes/?format=csv"))

    assert row["Name"] == "'" + COMMAND
    assert row["Conflict"] == "'+conflict"
    assert row["Slug"] == talks  # a plain cell is written as it is
    assert no_cell_opens_a_formula([row])


def test_an_event_cell_is_never_a_formula(editor_api, anon, talks):
    recorded(
        editor_api,
        talks,
        "statement_made",
        "2016-02-01",
        actor="turkey",
        stance="critical",
        summary="@SUM(1+1)*cmd|' /C calc'!A0",
        sources=[{**SOURCE, "outlet": "-2+3"}],
    )
    rows = read_csv(anon.get(f"/api/v1/processes/{talks}/events/?format=csv"))

    opening, statement = rows
    assert opening["Sources"].startswith("'" + LINK)
    assert statement["Summary"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert statement["Sources"].startswith("'-2+3")
    assert statement["Occurred on"] == "2016-02-01"  # a date is written as it is
    assert statement["Sequence"] == "2"  # and a number
    assert no_cell_opens_a_formula(rows)


def test_a_pax_row_is_never_a_formula(editor_api, anon, talks):
    recorded(
        editor_api,
        talks,
        "agreement_signed",
        "2016-02-22",
        **signing(title="=1+1"),
    )
    (row,) = read_csv(anon.get("/api/v1/agreements/?format=pax"))

    assert row["Agt"] == "'=1+1"
    assert row["PPName"] == "'" + COMMAND
    assert row["Con"] == "'+conflict"
    assert row["Dat"] == "2016-02-22"
    assert row["OthAgr"] == ""  # an empty cell stays empty
    assert no_cell_opens_a_formula([row])


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tpadded", "'\tpadded"),
        ("\rback", "'\rback"),
        ("-3", "-3"),  # a number
        ("+1.5", "+1.5"),
        ("2016-02-01", "2016-02-01"),  # a date
        ("", ""),
        ("Geneva = talks", "Geneva = talks"),  # only the first character counts
    ],
)
def test_a_cell_starting_a_formula_is_written_as_text(text, written):
    assert spreadsheet_cell(text) == written


def test_every_page_of_a_timeline_s_csv_has_the_same_columns(anon, geneva):
    """A spreadsheet following `Link: rel=next` got the columns shifted: each page had the
    fields its own events had ("Name, Slug" on the first, "Actor, Stance" on the second)."""
    url = f"/api/v1/processes/{geneva.slug}/events/"
    headers = []
    for page in (1, 2, 3):
        answer = anon.get(url, {"format": "csv", "page_size": 5, "page": page})
        assert answer.status_code == 200
        headers.append(answer.content.decode().splitlines()[0])
    assert headers[0] == headers[1] == headers[2]
    assert headers[0].startswith("Sequence,Type,Occurred on,Date precision,")


def test_a_process_s_names_read_by_language_and_none_is_an_empty_cell(anon, editor_api, talks):
    """The cell read `{}` for a process named in no other language (a machine reader's test)."""
    recorded(
        editor_api,
        talks,
        "name_given",
        "2016-02-01",
        language="es",
        name="Conversaciones",
        sources=[SOURCE],
    )
    recorded(
        editor_api,
        talks,
        "name_given",
        "2016-02-01",
        language="ar",
        name="محادثات",
        sources=[SOURCE],
    )
    other = opened_over_http(editor_api, name="Other talks")

    rows = {r["Slug"]: r for r in read_csv(anon.get("/api/v1/processes/?format=csv"))}

    assert rows[talks]["Names"] == "ar: محادثات; es: Conversaciones"
    assert rows[other]["Names"] == ""
