"""The tellers of an actor coming in or going (one factory in telling.py) name the actor in
the board's line, in the reader's language, and give the actor as the digest's detail; each
message is one the catalogues translate."""

import pytest

from negotiations.domain.registry import tell
from negotiations.domain.vocabulary import EventType
from tracker.catalogues import LOCALE, read_po


class Voice:  # the two parts of a Voice these tellers use
    def who(self, slug):
        return f"<{slug}>"

    def gettext(self, message):
        return f"[{message}]"  # marks what was translated


TOLD = {
    EventType.PARTY_JOINED: "%(actor)s joined.",
    EventType.PARTY_WITHDREW: "%(actor)s withdrew.",
    EventType.MEDIATOR_APPOINTED: "%(actor)s appointed as mediator.",
    EventType.MEDIATOR_STEPPED_DOWN: "%(actor)s stepped down as mediator.",
}


@pytest.mark.parametrize("event_type", list(TOLD))
def test_the_line_names_the_actor_in_the_readers_language(event_type):
    told = tell(event_type, {"actor": "norway"}, Voice())
    assert told.line == "[" + TOLD[event_type] % {"actor": "<norway>"} + "]"
    assert told.detail == "[%(parts)s.]".replace("%(parts)s", "<norway>")  # "Norway."


def test_each_message_is_in_the_catalogues():
    french = {e.msgid for e in read_po(LOCALE / "fr" / "LC_MESSAGES" / "django.po")}
    assert set(TOLD.values()) <= french
