"""Newer talks announced while earlier ones were pending supersede them in the calendar:
STATUS:CANCELLED, same UID, higher SEQUENCE. Geneva 2016: the talks of 25 January (moved to
the 29th on the 25th), of 7 and 9 March (moved to the 14th), and the resumption the pause of
3 February expected on 25 February (talks announced on the 26th, overdue or not)."""

from datetime import date

from .test_calendar_feeds_follow_rescheduled_talks import GENEVA, events


def by_day(found) -> dict[tuple[str, date], tuple[str, int]]:
    out = {}
    for e in found.values():
        kind = "resumption" if "Expected resumption" in str(e["SUMMARY"]) else "talks"
        out[(kind, e.decoded("DTSTART"))] = (str(e["STATUS"]), int(e["SEQUENCE"]))
    return out


def test_geneva_superseded_talks_and_resumptions_are_cancelled(client, geneva):
    found = by_day(events(client, GENEVA + "calendar.ics"))
    status = {key: s for key, (s, _) in found.items()}

    for superseded in [
        ("talks", date(2016, 1, 25)),
        ("talks", date(2016, 3, 7)),
        ("talks", date(2016, 3, 9)),
        ("resumption", date(2016, 2, 25)),
        ("resumption", date(2016, 4, 9)),  # talks for 13 April announced on the 7th
    ]:
        assert status[superseded] == "CANCELLED", superseded
        assert found[superseded][1] > 0, superseded  # the change raised its SEQUENCE
    for held in [
        ("talks", date(2016, 1, 29)),
        ("talks", date(2016, 3, 14)),
        ("talks", date(2016, 4, 13)),
        ("talks", date(2017, 2, 8)),
    ]:
        assert status[held] == "CONFIRMED", held


def test_the_uids_stay_and_the_global_calendar_agrees(client, geneva):
    own = events(client, GENEVA + "calendar.ics")
    everything = events(client, "/calendar.ics")
    for uid, event in own.items():
        assert str(everything[uid]["STATUS"]) == str(event["STATUS"])


def test_why_each_left_the_calendar_agrees_with_it(client, geneva):
    """Talks (plural) and a resumption (feminine in French and Spanish) were both "Remplacé",
    "Sustituido" (a review of composed sentences); each now takes its own words."""
    said = {}
    for language in ("en", "fr", "es"):
        found = events(client, GENEVA + f"calendar.ics?lang={language}")
        for e in found.values():
            kind = "resumption" if e.decoded("DTSTART") == date(2016, 2, 25) else "talks"
            if e.decoded("DTSTART") in (date(2016, 1, 25), date(2016, 2, 25)):
                said[(language, kind)] = str(e["DESCRIPTION"]).split("\n")[0]
    assert said[("en", "talks")].endswith("Superseded by the talks to be held on 29 January 2016.")
    assert "Remplacés par les pourparlers prévus le 29 janvier 2016." in said[("fr", "talks")]
    assert "Remplacée par les pourparlers prévus" in said[("fr", "resumption")]
    assert "Sustituidas por las conversaciones previstas el" in said[("es", "talks")]
    assert "Sustituida por las conversaciones previstas" in said[("es", "resumption")]


def test_a_resumption_a_suspension_ended_says_so_not_superseded(client, geneva):
    """A reader's outside test: the pause of 27 April 2016, expecting the talks back in May,
    ended in the suspension of 26 May; its calendar item said "Cancelled (superseded)",
    nothing having replaced it."""
    said = {}
    for language in ("en", "fr", "zh-hans"):
        found = events(client, GENEVA + f"calendar.ics?lang={language}")
        (may,) = [e for e in found.values() if e.decoded("DTSTART") == date(2016, 5, 1)]
        assert str(may["STATUS"]) == "CANCELLED"
        said[language] = str(may["DESCRIPTION"]).split("\n")[0]
    assert said["en"].endswith("Cancelled: the talks became “Suspended” on 26 May 2016."), said
    assert "superseded" not in said["en"].lower()
    french = "Annulée\u00a0: les pourparlers sont passés à «\u00a0Suspendus\u00a0» le 26 mai 2016."
    assert french in said["fr"], said
    assert said["zh-hans"].endswith("”。"), said
