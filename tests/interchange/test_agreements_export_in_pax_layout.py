"""An agreement in PA-X's column layout (docs/agreements.md): PA-X's columns first, its stage
code, its date, its parties and third parties by name, then the tracker's own columns."""

from __future__ import annotations

import csv
import io
from datetime import date

from negotiations.interchange.pax import COLUMNS, pax_csv
from negotiations.read.models import Agreement, Process

SUDAN = Process(slug="sudan-talks-jeddah", name="Sudan talks (Jeddah)", conflict="War in Sudan")
NAMES = {
    "saf": "Sudanese Armed Forces",
    "rsf": "Rapid Support Forces",
    "saudi-arabia": "Saudi Arabia",
    "united-states": "United States",
}


def agreement(**over) -> Agreement:
    fields = {
        "process": SUDAN,
        "slug": "jeddah-declaration-2023",
        "title": "Jeddah Declaration of Commitment to Protect the Civilians of Sudan",
        "stage": "partial",
        "status": "signed",
        "signed_on": date(2023, 5, 11),
        "signatories": ["saf", "rsf"],
        "third_parties": [
            {"actor": "saudi-arabia", "role": "facilitator"},
            {"actor": "united-states", "role": "facilitator"},
        ],
        "text_url": "https://pax.peaceagreements.org/agreements/2543",
        **over,
    }
    return Agreement(**fields)


def rows(*agreements: Agreement) -> list[dict[str, str]]:
    text = pax_csv(agreements, NAMES)
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == list(COLUMNS)
    return list(reader)


def test_an_agreement_reads_as_a_pax_row() -> None:
    (row,) = rows(agreement())

    assert row["Con"] == "War in Sudan"
    assert row["PPName"] == "Sudan talks (Jeddah)"
    assert row["AgtId"] == "2543"  # its text is PA-X's own page
    assert row["Dat"] == "2023-05-11"
    assert row["Stage"] == "SubPar"
    assert row["Status"] == "Multiparty signed/agreed"
    assert row["Part"] == "Sudanese Armed Forces/Rapid Support Forces"
    assert row["ThrdPart"] == "Saudi Arabia (facilitator)/United States (facilitator)"
    assert row["tracker_agreement"] == "jeddah-declaration-2023"
    assert row["tracker_status"] == "signed"
    assert row["tracker_concluded"] == "signed"


def test_month_precision_a_superseded_agreement_and_one_signatory() -> None:
    first = agreement(slug="first", title="First", stage="ceasefire", text_url="")
    second = agreement(
        slug="second",
        title="Second",
        stage="renewal",
        signatories=["saf"],
        signed_on=date(2023, 6, 1),
        signed_on_precision="month",
        supersedes="first",
        in_force_on=date(2023, 6, 2),
        status="in_force",
    )

    row_first, row_second = rows(first, second)

    assert (row_first["Stage"], row_first["AgtId"]) == ("Cea", "")
    assert row_second["Dat"] == "2023-06"
    assert row_second["Stage"] == "Ren"
    assert row_second["Status"] == "Unilateral document"
    assert row_second["OthAgr"] == "First"
    assert row_second["tracker_in_force_on"] == "2023-06-02"


def test_an_agreement_with_no_signatory_reported_has_no_status_said() -> None:
    # Not "Unilateral document": who agreed is unknown, not one (the Yemen sheet's 2016
    # cessation of hostilities, announced by the envoy).
    (row,) = rows(agreement(signatories=[], concluded="agreed"))
    assert (row["Status"], row["Part"]) == ("", "")


def test_the_command_writes_the_demo_agreements(geneva, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "pax.csv"
    call_command("export_agreements", "-o", str(path), "--process", "sudan-talks-jeddah")

    found = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert len(found) == 6
    jeddah = next(r for r in found if r["tracker_agreement"] == "jeddah-declaration-2023")
    assert (jeddah["AgtId"], jeddah["Stage"], jeddah["Dat"]) == ("2543", "SubPar", "2023-05-11")
    assert jeddah["ThrdPart"] == "Saudi Arabia (facilitator)/United States (facilitator)"
    # PA-X's "Multiparty signed/agreed" does not say which: the tracker's own column does.
    agreed = {r["tracker_agreement"] for r in found if r["tracker_concluded"] == "agreed"}
    assert agreed == {
        "ceasefire-24-hours-2023",
        "ceasefire-72-hours-2023",
        "joint-statement-of-commitments-2023",
    }
