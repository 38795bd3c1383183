"""Every event type carries CAMEO and PLOVER codes."""

from negotiations.domain.registry import KINDS, code_for
from negotiations.domain.specs import SPECS


def test_every_event_type_has_codes():
    assert set(KINDS) == set(SPECS)


def test_codes_follow_the_published_meanings():
    assert code_for("talks_convened").cameo == "046"
    assert code_for("talks_suspended") == code_for("party_withdrew")
    assert (code_for("party_withdrew").cameo, code_for("party_withdrew").plover) == (
        "164",
        "SANCTION",
    )
    assert code_for("mediator_appointed").cameo == "045"
    assert code_for("statement_made", {"stance": "rejecting"}).cameo in ("125", "127")
    assert code_for("talks_concluded", {"outcome": "agreement"}).plover == "AGREE"
    assert code_for("event_corrected").cameo == ""
