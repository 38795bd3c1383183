"""The admin records an agreement with its signatories left empty, none being reported (the
Yemen fact sheet's cessation of hostilities of 23 March 2016; the board's wording:
tests/board/test_an_agreement_whose_signatories_are_not_reported.py)."""

from __future__ import annotations

from tests.admin.conftest import submit_event

CESSATION = {"title": "Nationwide cessation of hostilities", "stage": "ceasefire"}


def test_recorded_from_the_admin_with_the_signatories_left_empty(editor_client, active):
    response = submit_event(
        editor_client,
        active,
        "agreement_signed",
        {
            "occurred_on": "2016-03-23",
            "agreement": "cessation",
            "concluded": "agreed",
            "takes_effect_on": "2016-04-10",
            **CESSATION,
        },
        with_causes=False,
    )
    assert response.status_code == 302, response.context["form"].errors
    active.refresh_from_db()
    [agreement] = active.agreements.all()
    assert agreement.signatories == []
