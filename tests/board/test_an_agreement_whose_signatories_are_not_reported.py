"""An agreement whose signatories no source reports is recorded so, and said so: the Yemen
fact sheet's cessation of hostilities of 23 March 2016, announced by the envoy ("the parties
to the conflict have agreed"; no signed text, no signatories seen). The tracker asked for at
least one signatory, and the analyst who named the two delegations made the board say what
no source did (an analyst's outside test in the admin)."""

from __future__ import annotations

import re

from tests.api.recording import opened_over_http, recorded
from tests.board.conftest import text

CESSATION = {"title": "Nationwide cessation of hostilities", "stage": "ceasefire"}


def row(page: str, slug: str) -> str:
    found = re.search(rf'<tr id="agreement-{slug}">(.*?)</tr>', page)
    assert found, slug
    return found.group(1)


def test_recorded_over_http_with_no_signatory_and_told_so(editor_api, client, actors):
    slug = opened_over_http(editor_api)
    agreed = recorded(
        editor_api,
        slug,
        "agreement_signed",
        "2016-03-23",
        agreement="cessation",
        concluded="agreed",
        **CESSATION,
    )
    assert agreed["signatories"] == []
    recorded(
        editor_api,
        slug,
        "agreement_signed",
        "2016-03-24",
        agreement="statement",
        signatories=[],
        title="Statement",
        stage="pre_negotiation",
    )
    found = editor_api.get(f"/api/v1/processes/{slug}/agreements/").json()["results"]
    assert {a["agreement"]: a["signatories"] for a in found} == {"cessation": [], "statement": []}

    page = text(client, f"/processes/{slug}/")
    cessation = row(page, "cessation")
    assert "No signing reported; the parties that agreed are not reported" in cessation
    assert "Agreed by" not in cessation
    statement = row(page, "statement")
    assert "Its signatories are not reported" in statement
    assert "Signed by" not in statement
    arabic = row(text(client, f"/ar/processes/{slug}/"), "statement")
    said = re.search(r'<span class="muted">(.*?)</span>', arabic).group(1)
    assert said == "لم يُبلَّغ عن موقّعيه"

    atom = text(client, f"/processes/{slug}/agreements.atom")
    assert "(ceasefire); the parties that agreed are not reported" in atom
    assert "(pre-negotiation); its signatories are not reported" in atom.replace("Pre", "pre")
