"""Talks scheduled with a date and no venue were stored before a date needed its venue (a
stored event is never validated again): the board's line, Atom and webhooks tell them with
their date alone, never "Talks scheduled for 7 March 2016 in .", and the digest's detail
likewise."""

from datetime import date

from negotiations.domain.registry import tell
from negotiations.domain.vocabulary import EventType


class Voice:  # the parts of a Voice this teller uses
    def date(self, value, precision="day"):
        return f"<{value}>"

    def text(self, value):
        return value or ""

    def gettext(self, message):
        return message


def test_a_date_without_a_venue_is_told_with_its_date_alone():
    told = tell(EventType.TALKS_SCHEDULED, {"scheduled_for": date(2016, 3, 7)}, Voice())
    assert told.line == "Talks scheduled for <2016-03-07>."
    assert told.detail == "For <2016-03-07>."


def test_a_date_with_its_venue_names_the_venue():
    values = {"scheduled_for": date(2016, 3, 7), "venue": "Geneva"}
    told = tell(EventType.TALKS_SCHEDULED, values, Voice())
    assert told.line == "Talks scheduled for <2016-03-07> in Geneva."
    assert told.detail == "For <2016-03-07> in Geneva."
