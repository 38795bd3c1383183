"""Text stored before today's rules (a control character in a note, a tab in a venue, a line
break in an actor's name, a process whose slug reads as a UUID) goes out in an export and
comes back from an import as it was: restored history (its record times given) is not
validated again by a rule newer than it. A new line (no record time) meets today's rules, and
what no database can store (NUL, a lone surrogate) is refused with the line named, never a
traceback."""

from __future__ import annotations

import json
import re

import pytest
from django.core.management import CommandError

from negotiations.domain import text_rules
from negotiations.read.models import Process
from negotiations.write import application
from negotiations.write.models import Actor
from tests.factories import correct, opening, record
from tests.interchange.helpers import assert_reimported_alike, export, run_import

NEVER = re.compile("(?!)")


def test_an_export_with_text_stored_before_the_rules_imports_back(
    app, actors, tmp_path, settings, monkeypatch
):
    # As an older tracker stored them: the rules are not there yet.
    monkeypatch.setattr(text_rules, "CONTROL_CHARACTERS", NEVER)
    monkeypatch.setattr(text_rules, "LINE_BREAKS", NEVER)
    monkeypatch.setattr(application, "refuse_uuid_slug", lambda slug: None)
    uuid_slug = "123e4567-e89b-42d3-a456-426614174000"
    pid = app.open_process(opening(slug=uuid_slug), recorded_by="analyst").process_id
    record(app, pid, "talks_convened", "2016-02-01", venue="Gen\teva", note="x\x01y")
    Actor.objects.filter(slug="hnc").update(name="High Negotiations\nCommittee")
    monkeypatch.undo()

    # A stored opening whose slug reads as a UUID can still be corrected (its slug cannot be).
    correct(app, pid, 1, "2016-01-25", reason="A better description.", description="Better.")

    exported = export(tmp_path / "all.ndjson")
    assert any(line.get("note") == "x\x01y" for line in exported)
    assert_reimported_alike(settings, tmp_path, exported)
    assert Process.objects.get().slug == uuid_slug


@pytest.mark.parametrize(
    ("text", "said"),
    [("x\x01y", "U+0001"), ("x\x00y", "U+0000"), ("x\ud800y", "U+D800")],
    ids=["control-new-line", "nul", "lone-surrogate"],
)
def test_a_new_line_meets_today_s_rules(app, actors, tmp_path, text, said):
    lines = [{"type": "process_opened", **opening(slug="talks"), "note": text}]
    path = tmp_path / "new.ndjson"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    with pytest.raises(CommandError) as refused:
        run_import(path)
    assert "line 1" in str(refused.value).lower() or "1 bad line" in str(refused.value)
    assert not Process.objects.exists()


def test_restored_history_is_refused_only_what_no_database_can_store(app, actors, tmp_path):
    restored = {
        "type": "process_opened",
        **opening(slug="talks"),
        "recorded_at": "2016-01-25T10:00:00Z",
    }
    path = tmp_path / "restored.ndjson"
    path.write_text(json.dumps({**restored, "note": "x\x00y"}) + "\n")
    with pytest.raises(CommandError):
        run_import(path)
    path.write_text(json.dumps({**restored, "note": "x\x01y"}) + "\n")
    run_import(path)
    assert Process.objects.get().slug == "talks"
