"""How the agreement events and a third party joining the process are told (their registry entries'
tellers, as in `telling.py`): the board's line (its pages and Atom) and the digest's detail.
An agreement is named as the reader's voice names it (`Voice.agreement`: its title where the
reader has the process's agreements at hand, else its slug). Plain text: the templates escape
it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from .telling import Voice, Wording, sentence
from .vocabulary import gettext_noop


def shares_in_words(
    values: Mapping[str, Any],
    labelled: Iterable[tuple[str, str]],
    comma: str,
    number: Callable[[str], str],
    note: Callable[[str], str],
) -> str:
    """' (yes 49.78 %, no 50.21 %, turnout 37.41 %)': the shares a referendum gives, each after
    its label, in the order of `labelled` ((label, key) pairs, translated by the caller, who
    also gives the `comma`, writes each `number` its reader's way and sets the `note` in the
    reader's brackets), or '' when it gives none."""
    given = [(label, values.get(key)) for label, key in labelled]
    shares = [f"{label} {number(f'{share:g}')} %" for label, share in given if share is not None]
    return note(comma.join(shares)) if shares else ""


# A referendum's shares, each with its label, in the one order every reader sees them: the
# timeline's line, the agreements' tables, the digests.
REFERENDUM_SHARES = (
    (gettext_noop("yes"), "yes_share"),
    (gettext_noop("no"), "no_share"),
    (gettext_noop("turnout"), "turnout"),
)


class Figures(Protocol):
    """The part of a `Voice` that writes figures: its words, numbers and brackets."""

    def gettext(self, message: str) -> str: ...

    def number(self, text: str) -> str: ...

    def note(self, text: str) -> str: ...


def referendum_figures(values: Mapping[str, Any], say: Figures) -> str:
    """' (yes 49.78 %, no 50.21 %, turnout 37.41 %)' in the reader's language, or ''."""
    labelled = [(say.gettext(label), key) for label, key in REFERENDUM_SHARES]
    return shares_in_words(values, labelled, say.gettext(", "), say.number, say.note)


def _who(slugs: Any, say: Voice) -> str:
    return say.listed(say.who(s) for s in slugs or ())


def signed(v: dict[str, Any], say: Voice) -> Wording:
    """'Signed: <title> (ceasefire), by A, B; with C (guarantor); to take effect on …', or
    'Agreed (no signing reported): …' for one concluded as agreed."""
    _ = say.gettext
    said = {"title": say.text(v.get("title", "")), "stage": say.choice(v.get("stage"))}
    agreed = v.get("concluded") == "agreed"
    # The digest's detail stands under a heading that names the agreement ("Agreement signed:
    # <title>"): it says the rest without the title again.
    if v.get("signatories"):
        said["signatories"] = _who(v["signatories"], say)
        if agreed:
            line = _("Agreed (no signing reported): %(title)s (%(stage)s), by %(signatories)s")
            detail = _("%(stage)s, agreed by %(signatories)s (no signing reported)")
        else:
            line = _("Signed: %(title)s (%(stage)s), by %(signatories)s")
            detail = _("%(stage)s, signed by %(signatories)s")
    elif agreed:
        line = _("Agreed (no signing reported): %(title)s (%(stage)s)")
        detail = _("%(stage)s, agreed (no signing reported)")
    else:
        line, detail = _("Signed: %(title)s (%(stage)s)"), "%(stage)s"
    parts = [line % said]
    if not v.get("signatories"):  # none reported: said, never left for the reader to guess
        parts.append(
            _("the parties that agreed are not reported")
            if agreed
            else _("its signatories are not reported")
        )
    third = [
        _("%(actor)s (%(role)s)") % {"actor": say.who(t["actor"]), "role": say.choice(t["role"])}
        for t in v.get("third_parties") or ()
    ]
    if third:
        parts.append(_("with %(parties)s") % {"parties": say.listed(third)})
    if v.get("takes_effect_on"):
        parts.append(_("to take effect on %(day)s") % {"day": say.date(v["takes_effect_on"])})
    if v.get("supersedes"):
        parts.append(_("replaces %(agreement)s") % {"agreement": say.agreement(v["supersedes"])})
    rest = parts[1:]
    return Wording(
        sentence(say, _("; ").join(parts)), sentence(say, _("; ").join([detail % said, *rest]))
    )


def took_effect(v: dict[str, Any], say: Voice) -> Wording:
    _ = say.gettext
    said = {"day": say.date(v.get("occurred_on")), "agreement": say.agreement(v.get("agreement"))}
    # The digest's item says its day and the agreement's title already: no detail.
    return Wording(_("In force from %(day)s: %(agreement)s.") % said, "")


def _votes(v: dict[str, Any], say: Voice) -> str:
    if v.get("votes_for") is None or v.get("votes_against") is None:
        return ""
    abstaining = v.get("abstentions")
    tail = ""
    if abstaining is not None:
        tail = say.gettext(", %(count)s abstaining") % {"count": abstaining}
    return say.note(say.tally(v["votes_for"], v["votes_against"]) + tail)


def ratified(v: dict[str, Any], say: Voice) -> Wording:
    _ = say.gettext
    said = {"body": say.text(v.get("body", "")), "agreement": say.agreement(v.get("agreement"))}
    said["votes"] = _votes(v, say)
    if v.get("result") == "rejected":
        line, detail = (
            _("%(body)s rejected %(agreement)s%(votes)s."),
            _("%(body)s rejected%(votes)s."),
        )
    else:
        line, detail = (
            _("%(body)s approved %(agreement)s%(votes)s."),
            _("%(body)s approved%(votes)s."),
        )
    return Wording(line % said, detail % said)


def referendum(v: dict[str, Any], say: Voice) -> Wording:
    _ = say.gettext
    figures = referendum_figures(v, say)
    said = {
        "agreement": say.agreement(v.get("agreement")),
        "result": say.choice(v.get("result")),
        "figures": figures,
    }
    if v.get("result") == "rejected":
        detail = _("The voters rejected it%(figures)s.")
    else:
        detail = _("The voters approved it%(figures)s.")
    return Wording(_("Referendum on %(agreement)s: %(result)s%(figures)s.") % said, detail % said)


def breach(v: dict[str, Any], say: Voice) -> Wording:
    _ = say.gettext
    said = {
        "alleged_by": _who(v.get("alleged_by"), say),
        "agreement": say.agreement(v.get("agreement")),
    }
    if v.get("against"):
        said["against"] = _who(v["against"], say)
        line = _("%(alleged_by)s alleged a breach of %(agreement)s against %(against)s.")
        detail = _("%(alleged_by)s alleged a breach against %(against)s.")
    else:
        line = _("%(alleged_by)s alleged a breach of %(agreement)s.")
        detail = _("%(alleged_by)s alleged a breach.")
    return Wording(line % said, detail % said)


def ended(v: dict[str, Any], say: Voice) -> Wording:
    _ = say.gettext
    reason = say.choice(v.get("end_reason"))
    if v.get("superseded_by"):
        reason = _("superseded by %(agreement)s") % {"agreement": say.agreement(v["superseded_by"])}
    said = {"reason": reason, "agreement": say.agreement(v.get("agreement"))}
    # The digest's detail stands under "Agreement ended: <title>": the reason says the rest.
    if v.get("ended_by"):
        said["by"] = _who(v["ended_by"], say)
        line = _("Ended (%(reason)s), by %(by)s: %(agreement)s.")
        return Wording(line % said, _("%(reason)s, by %(by)s.") % said)
    return Wording(_("Ended (%(reason)s): %(agreement)s.") % said, sentence(say, reason))


def third_party(v: dict[str, Any], say: Voice) -> Wording:
    said = {"actor": say.who(v.get("actor", "")), "role": say.choice(v.get("role"))}
    text = say.gettext("%(actor)s joined as %(role)s.") % said
    return Wording(text, text)
