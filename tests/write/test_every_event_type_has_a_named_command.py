"""Each registry entry names the application's command that records its type: a scenario
reads in the domain's words (`app.resume_talks(...)`), and the command records that type."""

from negotiations.domain.registry import KINDS
from negotiations.domain.vocabulary import EventType
from negotiations.write.application import PeaceProcesses
from tests.factories import body_for, opening


def test_every_entry_names_a_command_of_the_application():
    missing = [
        k.command for k in KINDS.values() if not callable(getattr(PeaceProcesses, k.command, None))
    ]
    assert missing == []


def test_a_named_command_records_its_type(app, actors):
    opened = app.open_process(opening(), recorded_by="analyst")
    recorded = app.convene_talks(
        opened.process_id, recorded_by="analyst", **body_for("talks_convened")
    )
    assert recorded.entry.type == EventType.TALKS_CONVENED
    assert PeaceProcesses.convene_talks.__name__ == "convene_talks"
