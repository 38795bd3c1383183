"""An operator's finding: `rebuild_projections`' bar ended at "98% 111/113": its total is
the store's last position, and positions have gaps (a write rolled back on PostgreSQL keeps
its number). It ends at the events it rebuilt, 100 %."""

from __future__ import annotations

import io

from django.core.management import call_command

from negotiations.write.runtime import get_application


def test_the_bar_ends_full_where_positions_have_gaps(geneva, monkeypatch):
    recorder = get_application().recorder
    last = recorder.max_notification_id()
    monkeypatch.setattr(recorder, "max_notification_id", lambda: last + 2)  # two numbers lost
    said = io.StringIO()
    call_command("rebuild_projections", stdout=io.StringIO(), stderr=said)
    final = said.getvalue().replace("\r", "\n").strip().splitlines()[-1]
    assert final.startswith("100%"), final
    assert f" {last}/{last} " in final, final
