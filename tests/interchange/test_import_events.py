"""Bulk import: every bad line reported, all or nothing."""

import gc
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from negotiations.read.models import Process, TimelineEntry
from negotiations.read.rebuild import rows_checksum
from negotiations.write.models import Actor
from tests.factories import SOURCE, body_for
from tests.interchange.helpers import run_import

ROOT = Path(__file__).resolve().parents[2]


def write_ndjson(path, lines):
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    return path


def many_lines(n_statements=40):
    lines = [
        {
            "type": "process_opened",
            "name": "Bulk talks",
            "conflict": "X",
            "mediators": ["united-nations"],
            "parties": ["hnc"],
            "occurred_on": "2015-01-01",
        },
        {
            "process": "bulk-talks",
            **body_for("talks_convened", "2015-02-01"),
            "type": "talks_convened",
        },
    ]
    for i in range(n_statements):
        lines.append(
            {
                "process": "bulk-talks",
                "type": "statement_made",
                **body_for("statement_made", "2015-02-02", summary=f"Statement {i}"),
            }
        )
    return lines


def test_a_valid_file_records_every_event(app, actors, tmp_path):
    run_import(write_ndjson(tmp_path / "ok.ndjson", many_lines()), "--batch-size", "7")
    process = Process.objects.get(slug="bulk-talks")
    assert process.version == 42
    assert process.status == "active"
    assert TimelineEntry.objects.filter(process=process).count() == 42
    assert TimelineEntry.objects.filter(process=process).first().recorded_by == "import"


def test_an_opening_without_a_date_is_dated_on_the_utc_day_of_its_record_time(
    app, actors, tmp_path
):
    """01:00 in Riyadh on 1 February is still 31 January in UTC, the calendar a command
    dates an undated opening on (`utc_day`): an import must not date it a day later."""
    opening = {**many_lines()[0], "recorded_at": "2015-02-01T01:00:00+03:00"}
    del opening["occurred_on"]
    run_import(write_ndjson(tmp_path / "undated.ndjson", [opening]))
    process = Process.objects.get(slug="bulk-talks")
    assert TimelineEntry.objects.get(process=process).occurred_on.isoformat() == "2015-01-31"


def test_one_bad_line_among_many_records_nothing_and_names_the_line(app, actors, tmp_path, capsys):
    lines = many_lines()
    lines[30]["stance"] = "sarcastic"
    before = (app.recorder.max_notification_id(), rows_checksum())
    with pytest.raises(CommandError, match="1 bad line"):
        call_command(
            "import_events", str(write_ndjson(tmp_path / "bad.ndjson", lines)), "--no-progress"
        )
    assert "bad.ndjson:31: stance: Must be one of" in capsys.readouterr().err
    assert (app.recorder.max_notification_id(), rows_checksum()) == before


def test_a_record_time_in_the_future_is_refused(app, actors, tmp_path, capsys):
    """Recorded "in 2099", the next live write would have come before it in time, and the
    process's export would no longer have imported (an outside attacker's finding)."""
    lines = many_lines(3)
    lines[3]["recorded_at"] = "2099-01-01T12:00:00Z"
    before = (app.recorder.max_notification_id(), rows_checksum())
    with pytest.raises(CommandError, match="1 bad line"):
        call_command(
            "import_events", str(write_ndjson(tmp_path / "ahead.ndjson", lines)), "--no-progress"
        )
    err = capsys.readouterr().err
    assert (
        "ahead.ndjson:4: recorded_at: Later than now: a record time cannot be in the future." in err
    )
    assert (app.recorder.max_notification_id(), rows_checksum()) == before


def test_a_record_time_a_little_ahead_is_another_clock_s(app, actors, tmp_path):
    """An export from a machine whose clock runs a few seconds ahead imports (a review:
    2 seconds ahead were refused as "in the future")."""
    lines = many_lines(3)
    lines[3]["recorded_at"] = (datetime.now(UTC) + timedelta(seconds=30)).isoformat()
    run_import(write_ndjson(tmp_path / "skew.ndjson", lines))
    assert Process.objects.get(slug="bulk-talks").version == len(lines)


def test_an_exported_event_repeated_is_refused_as_a_repeat(app, actors, tmp_path, capsys):
    """A line of an export pasted twice was recorded twice; further down, it was refused as
    "earlier than the event before it" (an operator's outside test)."""
    lines = many_lines(3)
    for n, line in enumerate(lines):
        line["recorded_at"] = f"2015-03-0{n + 1}T12:00:00Z"
    lines = [*lines[:3], lines[2], *lines[3:], lines[2]]
    before = (app.recorder.max_notification_id(), rows_checksum())
    with pytest.raises(CommandError, match="2 bad line"):
        call_command(
            "import_events", str(write_ndjson(tmp_path / "twice.ndjson", lines)), "--no-progress"
        )
    err = capsys.readouterr().err
    for line in (4, 7):
        said = f"twice.ndjson:{line}: Repeats line 3: the same event at the same record time."
        assert said in err, err
    assert (app.recorder.max_notification_id(), rows_checksum()) == before


def test_the_import_gives_the_cycle_collector_back_as_it_found_it(app, actors, tmp_path):
    # The import pauses Python's cycle collector while it holds the file in memory: after
    # a file recorded, and after one refused, it is on again (or still off, if it was).
    good = write_ndjson(tmp_path / "ok.ndjson", many_lines(3))
    bad_lines = many_lines(3)
    bad_lines[3]["stance"] = "sarcastic"
    bad = write_ndjson(tmp_path / "bad.ndjson", bad_lines)
    assert gc.isenabled()
    run_import(good)
    assert gc.isenabled()
    with pytest.raises(CommandError, match="bad line"):
        run_import(bad)
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(CommandError, match="bad line"):
            run_import(bad)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_every_kind_of_error_is_reported_in_one_run(app, actors, tmp_path, capsys):
    lines = many_lines(3)
    lines += [
        "not json",
        {"process": "bulk-talks", "type": "talks_resumed", **body_for("talks_resumed")},
        {
            "process": "bulk-talks",
            "type": "talks_suspended",
            **body_for("talks_suspended", "2015-01-15"),
        },
        {"process": "nowhere", "type": "statement_made", **body_for("statement_made")},
        {
            "process": "bulk-talks",
            "type": "statement_made",
            **body_for("statement_made", actor="atlantis"),
        },
        {
            "process": "bulk-talks",
            "type": "talks_suspended",
            **body_for("talks_suspended", "2015-03-01", causes=[]),
        },
        {
            "process": "bulk-talks",
            "type": "event_retracted",
            "occurred_on": "2015-03-01",
            "retracts": 99,
            "reason": "r",
        },
    ]
    path = tmp_path / "many.ndjson"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines))
    with pytest.raises(CommandError, match="7 bad line"):
        call_command("import_events", str(path), "--no-progress")
    err = capsys.readouterr().err
    for line, words in [
        (6, "Not valid JSON"),
        (7, "cannot take 'talks_resumed'"),
        (8, "would precede"),
        (9, "No process 'nowhere'"),
        (10, "Unknown actor 'atlantis'"),
        (11, "at least one stated cause"),
        (12, "no event #99"),
    ]:
        assert f"many.ndjson:{line}: " in err, (line, words, err)
        assert words in err, (line, words, err)
    assert not Process.objects.filter(slug="bulk-talks").exists()


def test_unknown_actors_are_created_on_request(app, db, tmp_path):
    path = write_ndjson(
        tmp_path / "a.ndjson",
        [{"type": "process_opened", "name": "T", "conflict": "X", "mediators": ["norway"]}],
    )
    with pytest.raises(CommandError):
        run_import(path)
    run_import(path, "--create-actors")
    assert Actor.objects.filter(slug="norway").exists()
    assert Process.objects.filter(slug="t").exists()


def test_the_documented_csv_example_imports_cleanly(geneva, tmp_path):
    run_import(ROOT / "docs" / "examples" / "astana-2017.csv", "--create-actors")
    process = Process.objects.get(slug="astana-talks-syria")
    assert (process.status, process.version) == ("paused", 4)
    assert process.status_causes[0]["stated_by"] == "russia"
    statement = TimelineEntry.objects.get(process=process, type="statement_made")
    assert statement.current["causes"][0]["category"] == "military_escalation"


def test_a_csv_with_an_unknown_column_is_refused(app, actors, tmp_path, capsys):
    path = tmp_path / "typo.csv"
    path.write_text("process,type,ocurred_on\nx,talks_convened,2016-01-01\n")
    with pytest.raises(CommandError):
        run_import(path)


def test_a_status_change_needs_a_source_in_csv_too(app, actors, tmp_path):
    path = tmp_path / "nosource.csv"
    path.write_text(
        "process,type,name,conflict,mediators,cause1_category\n"
        ",process_opened,CSV talks,X,united-nations,\n"
        "csv-talks,talks_convened,,,,\n"
    )
    with pytest.raises(CommandError, match="1 bad line"):
        run_import(path)
    assert SOURCE  # the factory's source is what a fixed file would add


def test_agreements_import_from_csv(app, actors, tmp_path):
    """A spreadsheet of agreement events: lists by `;`, third parties as actor:role, counts
    and shares as text; a line naming an agreement no earlier line signed is refused."""
    header = (
        "process,type,occurred_on,name,conflict,mediators,agreement,title,stage,signatories,"
        "third_parties,result,no_share,yes_share,source1_url,source1_outlet"
    )
    rows = [
        "Test talks,process_opened,2016-01-01,Test talks,Test,united-nations,,,,,,,,,,",
        "test-talks,agreement_signed,2016-08-24,,,,deal,The deal,comprehensive,"
        "syrian-government;hnc,turkey:guarantor; iran:observer,,,,https://example.org/a,Wire",
        "test-talks,referendum_held,2016-10-02,,,,deal,,,,,rejected,50.21,49.78,"
        "https://example.org/b,Wire",
    ]
    good = tmp_path / "agreements.csv"
    good.write_text("\n".join([header, *rows]) + "\n")
    run_import(good)

    from negotiations.read.models import Agreement

    deal = Agreement.objects.get(slug="deal")
    assert (deal.status, deal.rejected_by) == ("rejected", "referendum")
    assert deal.third_parties == [
        {"actor": "turkey", "role": "guarantor"},
        {"actor": "iran", "role": "observer"},
    ]
    assert deal.votes[0]["no_share"] == 50.21

    bad = tmp_path / "bad.csv"
    bad.write_text(
        header + "\ntest-talks,agreement_took_effect,2016-10-05,,,,nope,,,,,,,,"
        "https://example.org/c,Wire\n"
    )
    with pytest.raises(CommandError):
        run_import(bad)
