"""Agreements in words, for the board's tables (plain strings, which the templates escape,
and the process's name as the list shows it, already marked up)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from negotiations.domain.agreement_telling import referendum_figures
from negotiations.domain.vocabulary import (
    AGREEMENT_STAGE_LABELS,
    AGREEMENT_STATUS_LABELS,
    AgreementStatus,
)
from negotiations.presentation.labels import (
    ReadersVoice,
    in_brackets,
    names_comma,
    short_date_after_since,
)
from negotiations.read.models import Agreement

from .presenters import (
    actor_shown,
    as_date,
    choice_label,
    isolated,
    name_html,
    process_shown,
    short_date,
)


def stage_label(stage: str) -> str:
    """An agreement's stage in the reader's language ("Ceasefire", "Cessez-le-feu")."""
    label = AGREEMENT_STAGE_LABELS.get(stage)
    return _(label) if label else stage


def status_label(status: str, concluded: str = "signed") -> str:
    """An agreement's status in the reader's language ("In force", "En vigor"); one agreed
    with no signing reported is "Agreed" until it takes effect, never "Signed"."""
    if status == AgreementStatus.SIGNED and concluded == "agreed":
        return _("Agreed")
    label = AGREEMENT_STATUS_LABELS.get(status)
    return _(label) if label else status


def status_choice_label(status: str) -> str:
    """A status as the filter offers it: "signed" lists the agreements agreed with no signing
    reported too (one lifecycle state), so it says both."""
    if status == AgreementStatus.SIGNED:
        return _("Signed or agreed")
    return status_label(status)


def actor_slugs(rows: Iterable[Agreement]) -> set[str]:
    """Every actor the rows name: for one query of their names."""
    found: set[str] = set()
    for row in rows:
        found |= set(row.signatories) | {t["actor"] for t in row.third_parties}
        found |= {s for b in row.breaches for s in (*b["alleged_by"], *b["against"])}
    return found


def vote_text(vote: Mapping[str, Any]) -> str:
    """'Senate of Colombia, 29 Nov 2016: approved 75-0', 'Referendum, 2 Oct 2016: rejected
    (No 50.21 %, Yes 49.78 %, turnout 37.41 %)'."""
    day = short_date(vote["occurred_on"], vote.get("date_precision", "day"))
    result = choice_label(vote["result"])
    if vote["kind"] == "ratification":
        figures = ""
        if vote.get("votes_for") is not None and vote.get("votes_against") is not None:
            figures = " " + ReadersVoice().tally(vote["votes_for"], vote["votes_against"])
        return _("%(body)s, %(day)s: %(result)s%(figures)s") % {
            "body": isolated(vote["body"]),
            "day": day,
            "result": result,
            "figures": figures,
        }
    figures = referendum_figures(vote, ReadersVoice())
    return _("Referendum, %(day)s: %(result)s%(figures)s") % {
        "day": day,
        "result": result,
        "figures": figures,
    }


def ended_text(row: Agreement, titles: Mapping[tuple[Any, str], str]) -> str:
    """How it stopped applying and what replaced it, or ''."""
    parts = []
    closed = short_date(row.closed_on, row.closed_on_precision)
    if row.status == "rejected":
        if row.rejected_by == "referendum":
            parts.append(_("Rejected by the referendum, %(day)s") % {"day": closed})
        else:
            parts.append(
                _("Rejected by %(body)s, %(day)s")
                % {"body": isolated(row.rejected_by), "day": closed}
            )
    elif row.status == "ended":
        reason = choice_label(row.end_reason)
        # Under the column "Ended" (and beside its status, "Ended"): the reason says the rest.
        parts.append(_("%(reason)s, %(day)s") % {"reason": reason, "day": closed})
    if row.superseded_by:
        successor = titles.get((row.process_id, row.superseded_by), row.superseded_by)
        parts.append(_("superseded by %(agreement)s") % {"agreement": isolated(successor)})
    text = _("; ").join(parts)
    return text[:1].upper() + text[1:]


def agreement_item(
    row: Agreement, names: Mapping[str, str], titles: Mapping[tuple[Any, str], str]
) -> dict[str, Any]:
    """One agreement as the board's tables show it: stage, signed, in force since, ended."""

    registry, given = dict(names), row.process.actor_names

    def name(slug: str) -> str:  # as its process's events name it in the reader's language
        return actor_shown(slug, registry, given).name

    supersedes = titles.get((row.process_id, row.supersedes), row.supersedes)
    return {
        "slug": row.slug,
        "title": row.title,
        "stage": stage_label(row.stage),
        "status": row.status,
        "status_label": status_label(row.status, row.concluded),
        "agreed": row.concluded == "agreed",
        "signed": short_date(row.signed_on, row.signed_on_precision),
        "takes_effect": short_date(row.takes_effect_on),
        "in_force": short_date(row.in_force_on, row.in_force_on_precision),
        "ended": ended_text(row, titles),
        "supersedes": supersedes if row.supersedes else "",
        # Each name isolated on its own, its role beside it in the page's direction: a bdi
        # around the list (or a name and its role) set a Latin list left to right inside an
        # Arabic sentence, last name first.
        "signatories": names_comma(signed := [name(s) for s in row.signatories]).join(
            isolated(n) for n in signed
        ),
        "third_parties": names_comma(third := [name(t["actor"]) for t in row.third_parties]).join(
            isolated(n) + in_brackets(choice_label(t["role"]))
            for n, t in zip(third, row.third_parties, strict=True)
        ),
        "votes": [vote_text(v) for v in row.votes],
        "breaches": len(row.breaches),
        "text_url": row.text_url,
        "process_slug": row.process.slug,
        "process_name": name_html(process_shown(row.process)),  # isolated, as the list's
    }


def agreement_items(rows: Iterable[Agreement], names: Mapping[str, str]) -> list[dict[str, Any]]:
    rows = list(rows)
    titles = {(r.process_id, r.slug): r.title for r in rows}
    return [agreement_item(r, names, titles) for r in rows]


def _in_force_since(value: Any, precision: str) -> str:
    """'in force since 27 Feb 2016'; a month takes its own words, as "since" does on the
    board ("en vigueur depuis octobre 2016", Russian's genitive "в силе с октября 2016")."""
    day = as_date(value)
    said = {"day": short_date_after_since(day, precision) if day is not None else ""}
    if precision == "month":
        return pgettext("a month", "in force since %(day)s") % said
    return _("in force since %(day)s") % said


def on_date_text(item: Mapping[str, Any]) -> str:
    """An agreement as it stood on a date (read.agreements.on_date_item), in words:
    'in force since 27 Feb 2016', 'rejected by the referendum, 2 Oct 2016', 'signed 24 Nov
    2016; approved by the Senate of Colombia 75-0'."""
    status = item["status"]
    if status == "in_force":
        text = _in_force_since(item["in_force_on"], item["in_force_on_precision"])
    elif status == "rejected":
        closed = short_date(item["closed_on"], item["closed_on_precision"])
        if item["rejected_by"] == "referendum":
            text = _("rejected by the referendum, %(day)s") % {"day": closed}
        else:
            text = _("rejected by %(body)s, %(day)s") % {
                "body": isolated(item["rejected_by"]),
                "day": closed,
            }
    elif status == "ended":
        ended = short_date(item["closed_on"], item["closed_on_precision"])
        reason = choice_label(item["end_reason"])
        text = _("ended (%(reason)s), %(day)s") % {"reason": reason, "day": ended}
    else:
        month = item["signed_on_precision"] == "month"  # "signé en octobre 2016", not "le"
        day = {"day": short_date(item["signed_on"], item["signed_on_precision"])}
        if item.get("concluded") == "agreed":
            text = (
                pgettext("a month", "agreed %(day)s (no signing reported)")
                if month
                else _("agreed %(day)s (no signing reported)")
            ) % day
        else:
            text = (pgettext("a month", "signed %(day)s") if month else _("signed %(day)s")) % day
    approved = [vote_text(v) for v in item["votes"] if v["result"] == "approved"]
    if approved:
        text += _("; ") + _("; ").join(approved)
    if item.get("superseded_by"):
        superseded = _("superseded by %(agreement)s") % {
            "agreement": isolated(item["superseded_by_title"])
        }
        text += _("; ") + superseded
    return text
