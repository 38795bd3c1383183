"""How each event type is told in words: one function per type, named in its registry entry.

A teller answers both forms the tracker shows: the board's line (its pages and Atom feeds)
and the digest's detail under an item's title. The reader's `Voice` says how names and dates
read there, so a teller holds the words only. Plain text: the templates escape it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from .vocabulary import gettext_noop


class Voice(Protocol):
    """How a reader shows things: an actor (by slug), an agreement of the process (by slug:
    its title where the reader knows it), a date (a date, an ISO string or none;
        with its precision), free text the analyst typed (isolated for bidirectional text where
        the reader needs it), a stored choice (a stance, a format) in words, a number written as
    Python writes it ("49.78") in the reader's way ("49,78" in French), and a message in the
        reader's language (`gettext`: the domain imports no translation machinery; the tellers'
        messages are marked `_(...)` so that `makemessages` finds them), and a body's field by
        its name ("Venue", not `venue`)."""

    def who(self, slug: str | None) -> str: ...

    def agreement(self, slug: str | None) -> str: ...

    def date(self, value: Any, precision: str = "day") -> str: ...

    def text(self, value: Any) -> str: ...

    def choice(self, value: str | None) -> str: ...

    def number(self, text: str) -> str: ...

    def gettext(self, message: str) -> str: ...

    def field(self, name: str) -> str: ...

    def note(self, text: str) -> str: ...  # " (text)" as the reader sets a note ("（text）")

    def tally(self, votes_for: int, votes_against: int) -> str: ...  # "75-0", kept in order

    def listed(self, names: Iterable[str]) -> str: ...  # names in a list, as the reader lists


@dataclass(frozen=True)
class Wording:
    line: str  # the board's one line saying what the event says
    detail: str  # the digest's detail under the item's title ("" for none)


Teller = Callable[[dict[str, Any], Voice], Wording]


def _joined(say: Voice, *bits: Any) -> str:
    return say.gettext(", ").join(b for b in bits if b)


def sentence(say: Voice, words: str) -> str:
    """`words` ended as a sentence in the reader's language ("Geneva." "日内瓦。"), or ""."""
    return say.gettext("%(parts)s.") % {"parts": words} if words else ""


def opened(v: dict[str, Any], say: Voice) -> Wording:
    _ = say.gettext
    line = _("%(name)s opened (%(conflict)s).") % {
        "name": say.text(v.get("name", "")),
        "conflict": say.text(v.get("conflict", "")),
    }
    return Wording(line, "")


def scheduled(v: dict[str, Any], say: Voice) -> Wording:
    _ = say.gettext
    if v.get("scheduled_for") is None:  # postponed, no new date set yet
        return Wording(_("Talks postponed; no new date set."), _("Postponed; no new date set."))
    precision = v.get("scheduled_for_precision") or "day"
    on = say.date(v.get("scheduled_for"), precision)
    return scheduled_for(_, on, say.text(v.get("venue")), precision)


def scheduled_for(gettext: Callable[[str], str], on: str, venue: str, precision: str) -> Wording:
    """'Talks scheduled for 25 February 2016 in Geneva.' and its short form ('For 25 February
    2016 in Geneva.'), `on` already in the reader's words. A month has its own sentences
    ("prévus en août 2016", not "le août 2016"). The board, its calendar and the digests'
    "ahead" tell scheduled talks with it."""
    _ = gettext
    said = {"day": on, "month": on, "venue": venue}
    if precision == "month" and venue:
        return Wording(
            _("Talks scheduled for %(month)s in %(venue)s.") % said,
            _("For %(month)s in %(venue)s.") % said,
        )
    if precision == "month":
        return Wording(_("Talks scheduled for %(month)s.") % said, _("For %(month)s.") % said)
    if venue:
        return Wording(
            _("Talks scheduled for %(day)s in %(venue)s.") % said,
            _("For %(day)s in %(venue)s.") % said,
        )
    # Stored before a date needed its venue: told without one, never "in ."
    return Wording(_("Talks scheduled for %(day)s.") % said, _("For %(day)s.") % said)


def convened(v: dict[str, Any], say: Voice) -> Wording:
    _ = say.gettext
    round_, venue = say.text(v.get("round")), say.text(v.get("venue"))
    bits = _joined(say, round_, venue, say.choice(v.get("format")))
    if not bits:
        return Wording(_("Talks convened."), "")
    # The digest's detail follows the change's own sentence: a sentence too, not a name
    # trailing after its full stop ("planned → active. Geneva").
    return Wording(_("Talks convened (%(details)s).") % {"details": bits}, sentence(say, bits))


def paused(v: dict[str, Any], say: Voice) -> Wording:
    _ = say.gettext
    precision = v.get("expected_resumption_precision") or "day"
    on = say.date(v.get("expected_resumption_on"), precision)
    if precision == "month":
        expected = _("Expected to resume in %(month)s.") % {"month": on}
    else:
        expected = _("Expected to resume on %(day)s.") % {"day": on}
    return Wording(expected, expected if v.get("expected_resumption_on") else "")


def resumed(v: dict[str, Any], say: Voice) -> Wording:
    _ = say.gettext
    venue = say.text(v.get("venue"))
    line = _("Talks resumed in %(venue)s.") % {"venue": venue} if venue else _("Talks resumed.")
    bits = _joined(say, say.text(v.get("round")), venue, say.choice(v.get("format")))
    return Wording(line, sentence(say, bits))


def concluded(v: dict[str, Any], say: Voice) -> Wording:
    _ = say.gettext
    agreed = v.get("outcome") == "agreement"
    title = say.text(v.get("agreement_title"))
    outcome = _("an agreement") if agreed else _("no agreement")  # a noun after "Outcome:"
    if title:
        line = (
            _("Concluded with an agreement: %(title)s.")
            if agreed
            else _("Concluded without agreement: %(title)s.")
        ) % {"title": title}
        detail = _("Outcome: %(outcome)s (%(title)s).") % {"outcome": outcome, "title": title}
    else:
        line = _("Concluded with an agreement.") if agreed else _("Concluded without agreement.")
        detail = _("Outcome: %(outcome)s.") % {"outcome": outcome}
    return Wording(line, detail)


def halted(v: dict[str, Any], say: Voice) -> Wording:
    """A suspension or a collapse: its causes say it all."""
    return Wording("", "")


def _about_an_actor(message: str) -> Teller:
    """A teller for an actor coming in or going: `message` names the `actor`, who is also
    the digest's detail (a sentence, as the others are). The message is marked where the
    factory is called (gettext_noop), so that the catalogues keep it, and translated as it
    is told."""

    def tell(v: dict[str, Any], say: Voice) -> Wording:
        actor = say.who(v.get("actor"))
        return Wording(say.gettext(message) % {"actor": actor}, sentence(say, actor))

    return tell


joined = _about_an_actor(gettext_noop("%(actor)s joined."))
withdrew = _about_an_actor(gettext_noop("%(actor)s withdrew."))
appointed = _about_an_actor(gettext_noop("%(actor)s appointed as mediator."))
stepped_down = _about_an_actor(gettext_noop("%(actor)s stepped down as mediator."))


def authors(v: dict[str, Any], say: Voice) -> str:
    """Who made a statement: its actor, then those it made it jointly with, listed as the
    reader lists names."""
    return say.listed(say.who(slug) for slug in [v.get("actor"), *(v.get("joint_with") or ())])


def stated(v: dict[str, Any], say: Voice) -> Wording:
    line = say.gettext("%(actor)s (%(stance)s): %(summary)s") % {
        "actor": authors(v, say),
        "stance": say.choice(v.get("stance", "")),
        # Isolated as every other text someone wrote (a reader in Arabic found an English
        # summary's full stop at the wrong end of its sentence).
        "summary": say.text(v.get("summary", "")),
    }
    return Wording(line, "")  # the digest shows the summary and the quote as they are


def named(v: dict[str, Any], say: Voice) -> Wording:
    said = {"language": v.get("language", ""), "name": say.text(v.get("name", ""))}
    if v.get("actor"):
        said["actor"] = say.who(v["actor"])
        return Wording(say.gettext("%(actor)s is named in %(language)s: %(name)s") % said, "")
    return Wording(say.gettext("The process is named in %(language)s: %(name)s") % said, "")


def corrected(v: dict[str, Any], say: Voice) -> Wording:
    fields = _joined(say, *(say.field(name) for name in sorted(v.get("changes") or {})))
    line = say.gettext("Corrects #%(number)s (%(fields)s): %(reason)s") % {
        "number": v.get("corrects"),
        "fields": fields,
        "reason": say.text(v.get("reason", "")),
    }
    return Wording(line, "")


def retracted(v: dict[str, Any], say: Voice) -> Wording:
    line = say.gettext("Retracts #%(number)s: %(reason)s") % {
        "number": v.get("retracts"),
        "reason": say.text(v.get("reason", "")),
    }
    return Wording(line, "")
