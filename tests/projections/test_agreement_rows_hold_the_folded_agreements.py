"""The agreements read model holds what the lifecycle fold says, and its date queries give
the fold's answer on every day: the rows read back into the same agreements, and "in force
on" and "status on" as queries agree with `Agreement.status_on` day by day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from negotiations.domain.agreements import Agreements
from negotiations.read import agreements as reads
from negotiations.read.agreement_rows import agreements_of, replace_agreements, third_party_values
from negotiations.read.models import AgreementActor, Process
from tests.domain.test_agreement_lifecycle import entry, signing, take
from tests.factories import cause, process_row

NOW = datetime(2016, 12, 1, tzinfo=UTC)


@pytest.fixture
def book() -> Agreements:
    """Havana's three agreements of 2016: one in force, one rejected, one signed and ratified,
    and a ceasefire that ended."""
    book = Agreements()
    take(book, entry(1, "third_party_joined", "2012-08-26", actor="cuba", role="guarantor"))
    take(book, signing(2, "ceasefire", "2016-06-23", stage="ceasefire"))
    take(book, entry(3, "agreement_took_effect", "2016-08-29", agreement="ceasefire"))
    take(
        book,
        signing(4, "final", "2016-08-24", third_parties=[{"actor": "cuba", "role": "guarantor"}]),
    )
    take(
        book,
        entry(
            5, "referendum_held", "2016-10-02", agreement="final", result="rejected", no_share=50.21
        ),
    )
    take(book, signing(6, "revised", "2016-11-24", supersedes="final"))
    take(
        book,
        entry(
            7,
            "agreement_ratified",
            "2016-11-29",
            agreement="revised",
            body="Senate of Colombia",
            result="approved",
            votes_for=75,
            votes_against=0,
        ),
    )
    take(book, signing(8, "truce", "2016-07-01", stage="ceasefire"))
    take(book, entry(9, "agreement_took_effect", "2016-07-02", agreement="truce"))
    take(
        book,
        entry(
            10,
            "agreement_ended",
            "2016-07-05",
            agreement="truce",
            end_reason="collapsed",
            causes=[cause()],
        ),
    )
    return book


@pytest.fixture
def process(db) -> Process:
    at = {"created_at": NOW, "updated_at": NOW}
    return process_row(slug="havana", name="Havana", conflict="Colombia", version=10, **at)


def test_the_rows_read_back_into_the_same_agreements(book: Agreements, process: Process) -> None:
    replace_agreements(process.id, book, NOW)

    again = agreements_of(process.id, third_party_values(book))

    assert again.by_slug == book.by_slug
    assert again.third_parties == book.third_parties
    roles = set(AgreementActor.objects.values_list("agreement_slug", "actor_slug", "role"))
    assert ("final", "cuba", "guarantor") in roles
    assert ("revised", "colombian-government", "signatory") in roles


def test_the_date_queries_answer_what_the_fold_answers_on_every_day(
    book: Agreements, process: Process
) -> None:
    replace_agreements(process.id, book, NOW)
    day = date(2016, 6, 20)
    while day <= date(2016, 12, 1):
        in_force = set(reads.in_force_on(process, day).values_list("slug", flat=True))
        assert in_force == {a.slug for a in book.in_force_on(day)}, day
        for status in ("signed", "in_force", "rejected", "ended"):
            found = set(
                reads.of_process(process)
                .filter(reads.status_filter(status, day))
                .values_list("slug", flat=True)
            )
            assert found == {s for s, a in book.by_slug.items() if a.status_on(day) == status}, (
                day,
                status,
            )
        day += timedelta(days=1)


@pytest.fixture
def long_past(book: Agreements) -> Agreements:
    """Havana's book and eight truces after it, each signed, in force and collapsed: truces 2
    to 5 on the same day (28 February 2017), the others five days after their signing; and a
    roadmap signed on 1 February 2017, still open."""
    sequence = 10
    for n in range(8):
        signed = date(2017, 1, 1) + timedelta(days=10 * n)
        ended = date(2017, 2, 28) if 2 <= n <= 5 else signed + timedelta(days=5)
        slug = f"truce-{n}"
        take(book, signing(sequence + 1, slug, signed.isoformat(), stage="ceasefire"))
        take(book, entry(sequence + 2, "agreement_took_effect", signed.isoformat(), agreement=slug))
        take(
            book,
            entry(
                sequence + 3,
                "agreement_ended",
                ended.isoformat(),
                agreement=slug,
                end_reason="collapsed",
                causes=[cause()],
            ),
        )
        sequence += 3
    take(book, signing(sequence + 1, "roadmap", "2017-02-01", stage="partial"))
    return book


def test_the_status_on_a_date_lists_the_open_and_the_latest_closed_alike_from_rows_and_fold(
    long_past: Agreements, process: Process
) -> None:
    """The rule of the status on a date (read.agreements.listed) gives the same items and the
    same count left out whether applied in SQL to the rows or in Python to the fold, on every
    day, and the list stays bounded: every open agreement, at most CLOSED_LISTED closed."""
    replace_agreements(process.id, long_past, NOW)
    everyone = long_past.by_slug.values()
    day = date(2016, 6, 20)
    while day <= date(2017, 4, 1):
        from_rows = reads.listed_now(process, day)
        assert from_rows == reads.listed(everyone, day), day
        closed = [a.slug for a in everyone if a.status_on(day) in ("rejected", "ended")]
        listed = [i["agreement"] for i in from_rows.items]
        open_then = {a.slug for a in everyone if a.status_on(day) in ("signed", "in_force")}
        assert open_then <= set(listed), day
        assert len(listed) - len(open_then) == min(len(closed), reads.CLOSED_LISTED), day
        assert from_rows.not_listed == len(closed) - min(len(closed), reads.CLOSED_LISTED), day
        day += timedelta(days=1)

    # On 1 April 2017 ten are closed. Listed: the five latest closed (truce 3 before truce 2,
    # both closed on 28 February: the later signed first), in signing order among the open.
    latest = reads.listed_now(process, date(2017, 4, 1))
    assert [(i["agreement"], i["status"]) for i in latest.items] == [
        ("ceasefire", "in_force"),
        ("revised", "signed"),
        ("truce-3", "ended"),
        ("truce-4", "ended"),
        ("truce-5", "ended"),
        ("truce-6", "ended"),
        ("truce-7", "ended"),
        ("roadmap", "signed"),
    ]
    assert latest.not_listed == 5
