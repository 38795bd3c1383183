"""The trend of a period compares the status rank at its start and at its end (DESIGN
"Trend"): collapsed 0, suspended 1, concluded with no agreement 1, paused 2, planned 3,
active 4, concluded with an agreement 5."""

import pytest

from negotiations.domain.trend import trend


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # The Geneva deadlock: active talks that end with no agreement got worse.
        (("active", None), ("concluded", "no_agreement"), "deteriorated"),
        (("active", None), ("concluded", "agreement"), "improved"),
        (("paused", None), ("concluded", "no_agreement"), "deteriorated"),
        (("suspended", None), ("concluded", "no_agreement"), "unchanged"),
        (("concluded", "no_agreement"), ("active", None), "improved"),
        (("collapsed", None), ("suspended", None), "improved"),
        (("planned", None), ("paused", None), "deteriorated"),
        (("paused", None), ("active", None), "improved"),
        (("active", None), ("active", None), "unchanged"),
    ],
)
def test_higher_rank_is_improved_lower_is_deteriorated(start, end, expected):
    assert trend(start, end) == expected


def test_a_process_that_did_not_exist_at_the_start_has_no_trend():
    assert trend(None, ("active", None)) is None
