"""Agreements over HTTP: each type recorded, corrected and retracted; the impossible refused
with nothing stored; the list, its filters and the status answer on a date."""

from __future__ import annotations

import pytest

from negotiations.read.models import Process
from tests.api.recording import (
    correction_of,
    opened_over_http,
    recorded,
    refused,
)
from tests.factories import cause, signing

AGREEMENTS = "/api/v1/agreements/"


def signed(client, slug: str, agreement: str = "cessation", on: str = "2016-02-22", **over):
    fields = signing(
        agreement=agreement,
        **{
            "third_parties": [{"actor": "united-nations", "role": "observer"}],
            "takes_effect_on": "2016-02-27",
            **over,
        },
    )
    return recorded(client, slug, "agreement_signed", on, **fields)


def agreement(client, slug: str, name: str = "cessation") -> dict:
    found = client.get(f"/api/v1/processes/{slug}/agreements/").json()["results"]
    return next(a for a in found if a["agreement"] == name)


def superseding(successor: str) -> dict:
    return {"agreement": "cessation", "end_reason": "superseded", "superseded_by": successor}


def superseded(client, slug: str, successor: str, on: str = "2016-03-05") -> dict:
    """The cessation ended on `on`, superseded by `successor`."""
    return recorded(client, slug, "agreement_ended", on, **superseding(successor))


@pytest.fixture
def talks(editor_api, actors) -> str:
    return opened_over_http(editor_api)


def test_each_type_is_recorded_and_read_back(editor_api, anon, talks):
    signed(editor_api, talks)
    recorded(editor_api, talks, "agreement_took_effect", "2016-02-27", agreement="cessation")
    recorded(
        editor_api,
        talks,
        "agreement_ratified",
        "2016-02-26",
        agreement="cessation",
        body="UN Security Council",
        result="approved",
        votes_for=15,
        votes_against=0,
    )
    recorded(
        editor_api,
        talks,
        "agreement_breach_alleged",
        "2016-04-18",
        agreement="cessation",
        alleged_by=["hnc"],
        against=["syrian-government"],
        causes=[cause(stated_by="hnc")],
    )
    recorded(editor_api, talks, "third_party_joined", "2016-02-01", actor="turkey", role="host")
    recorded(
        editor_api,
        talks,
        "agreement_ended",
        "2016-09-01",
        agreement="cessation",
        end_reason="collapsed",
        ended_by=["russia"],
        causes=[cause()],
    )
    signed(
        editor_api,
        talks,
        "referendum-deal",
        "2016-10-01",
        stage="comprehensive",
        takes_effect_on=None,
    )
    event = recorded(
        editor_api,
        talks,
        "referendum_held",
        "2016-10-02",
        agreement="referendum-deal",
        result="rejected",
        yes_share=49.78,
        no_share=50.21,
        turnout=37.41,
    )
    assert event["cameo"] == "120"  # a vote that says no: CAMEO "Reject"

    cessation = agreement(anon, talks)
    assert cessation["status"] == "ended"
    assert cessation["end_reason"] == "collapsed"
    assert cessation["in_force_on"] == "2016-02-27"
    assert cessation["votes"][0]["votes_for"] == 15
    assert cessation["breaches"][0]["against"] == ["syrian-government"]
    assert cessation["pax_stage"] == "Cea"
    deal = agreement(anon, talks, "referendum-deal")
    assert (deal["status"], deal["rejected_by"]) == ("rejected", "referendum")
    process = anon.get(f"/api/v1/processes/{talks}/").json()
    assert process["status"] == "planned"  # no agreement event moves the talks' status
    # The process row's third parties: one UPDATE a batch in the catch-up (agreement_rows).
    third = Process.objects.get(slug=talks).third_parties
    assert {"actor": "turkey", "role": "host"} in third


def test_a_correction_and_a_retraction_change_the_agreement(editor_api, anon, talks):
    signed(editor_api, talks)
    took = recorded(editor_api, talks, "agreement_took_effect", "2016-02-27", agreement="cessation")
    recorded(
        editor_api,
        talks,
        "event_corrected",
        "2016-02-28",
        **correction_of(took["sequence"], "Midnight, Damascus time", occurred_on="2016-02-26"),
    )
    assert agreement(anon, talks)["in_force_on"] == "2016-02-26"

    recorded(
        editor_api,
        talks,
        "event_retracted",
        None,
        retracts=took["sequence"],
        reason="Not reported as in force after all",
    )
    again = agreement(anon, talks)
    assert (again["status"], again["in_force_on"]) == ("signed", None)


def test_a_correction_of_one_field_a_rule_ties_to_another_is_recorded(editor_api, anon, talks):
    """An end's `superseded_by` corrected alone: its `end_reason` stays `superseded`, so the
    corrected event is right; the changes alone, read as a whole body, seemed to end it
    without a reason that names a successor ("Only an agreement ended as 'superseded' ...").
    And a rule across fields still holds on the corrected event as a whole."""
    signed(editor_api, talks)
    for slug, on in (("interim", "2016-03-01"), ("lasting", "2016-03-02")):
        signed(editor_api, talks, slug, on, title=slug.title(), takes_effect_on=on)
    end = superseded(editor_api, talks, "interim")
    fixed = correction_of(end["sequence"], "Misread: the lasting one", superseded_by="lasting")
    recorded(editor_api, talks, "event_corrected", "2016-03-06", **fixed)
    assert agreement(anon, talks)["superseded_by"] == "lasting"
    wrong = correction_of(end["sequence"], "Expired instead", end_reason="expired")
    code, error = refused(editor_api, talks, "event_corrected", "2016-03-06", **wrong)
    assert (code, list(error["errors"])) == (400, ["changes.superseded_by"])


def test_a_correction_leaving_out_the_third_parties_is_recorded(editor_api, anon, talks):
    """A signing's title corrected alone: the changes leave out `third_parties`, which the
    agreement's own check read as a list (a 500, with nothing stored)."""
    signing = signed(editor_api, talks)
    recorded(
        editor_api,
        talks,
        "event_corrected",
        "2016-02-23",
        **correction_of(signing["sequence"], "Typo", title="Cessation of Hostilities (2016)"),
    )
    assert agreement(anon, talks)["title"] == "Cessation of Hostilities (2016)"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"signatories": ["hnc", "atlantis"]}, "changes.signatories[1]"),
        (
            {"third_parties": [{"actor": "atlantis", "role": "observer"}]},
            "changes.third_parties[0].actor",
        ),
    ],
    ids=["signatory", "third-party"],
)
def test_a_correction_naming_an_unknown_actor_is_refused(editor_api, talks, changes, field):
    """As a new event naming it is: a correction leaves an event that would be accepted new."""
    signing = signed(editor_api, talks)
    code, error = refused(
        editor_api,
        talks,
        "event_corrected",
        "2016-02-23",
        **correction_of(signing["sequence"], "Who signed", **changes),
    )
    assert code == 400
    assert error["errors"] == {field: ["Unknown actor 'atlantis'."]}


# Another agreement signed by the HNC alone.
OTHER = {"agreement": "other", "title": "Other", "stage": "partial", "signatories": ["hnc"]}


VOTE = {"agreement": "cessation", "body": "Senate", "result": "approved"}


def test_a_lost_vote_may_be_rejected_and_a_won_one_approved(editor_api, talks):
    """Rejected with more votes for is possible (a two-thirds rule): only its opposite is not."""
    signed(editor_api, talks)
    won = {**VOTE, "votes_for": 10_000_000_000, "votes_against": 0}
    recorded(editor_api, talks, "agreement_ratified", "2016-03-01", **won)
    lost = {**VOTE, "result": "rejected", "votes_for": 60, "votes_against": 40}
    recorded(editor_api, talks, "agreement_ratified", "2016-03-02", **lost)


@pytest.mark.parametrize(
    ("event_type", "on", "fields", "status", "field"),
    [
        # A referendum on an agreement that does not exist.
        (
            "referendum_held",
            "2016-10-02",
            {"agreement": "nope", "result": "rejected"},
            400,
            "agreement",
        ),
        # Taking effect before it was signed.
        ("agreement_took_effect", "2016-02-01", {"agreement": "cessation"}, 400, "occurred_on"),
        # A second signing under the same slug.
        (
            "agreement_signed",
            "2016-03-01",
            {
                "agreement": "cessation",
                "title": "Again",
                "stage": "renewal",
                "signatories": ["hnc"],
            },
            400,
            "agreement",
        ),
        # Taking effect on a date before it was to take effect is fine; before the signing not.
        (
            "agreement_signed",
            "2016-03-01",
            {**OTHER, "takes_effect_on": "2016-02-01"},
            400,
            "takes_effect_on",
        ),
        # Superseding an agreement the process does not have.
        ("agreement_signed", "2016-03-01", {**OTHER, "supersedes": "nope"}, 400, "supersedes"),
        # A signatory the registry does not know.
        (
            "agreement_signed",
            "2016-03-01",
            {"agreement": "other", "title": "O", "stage": "partial", "signatories": ["atlantis"]},
            400,
            "signatories[0]",
        ),
        # More votes than people on Earth: past 64 bits it could not even be stored (a 500).
        ("agreement_ratified", "2016-03-01", {**VOTE, "votes_for": 10**25}, 400, "votes_for"),
        ("agreement_ratified", "2016-03-01", {**VOTE, "votes_for": 2**63}, 400, "votes_for"),
        ("agreement_ratified", "2016-03-01", {**VOTE, "votes_for": "9" * 5000}, 400, "votes_for"),
        # Approved by a vote its own figures say it lost.
        (
            "agreement_ratified",
            "2016-03-01",
            {**VOTE, "votes_for": 1, "votes_against": 99},
            400,
            "result",
        ),
        (
            "referendum_held",
            "2016-03-01",
            {"agreement": "cessation", "result": "approved", "yes_share": 49.78, "no_share": 50.21},
            400,
            "result",
        ),
        # A report published after tomorrow.
        (
            "agreement_took_effect",
            "2016-02-27",
            {
                "agreement": "cessation",
                "sources": [
                    {"url": "https://e.org/a", "outlet": "E", "published_on": "2999-01-01"}
                ],
            },
            400,
            "sources[0].published_on",
        ),
    ],
    ids=[
        "no-such-agreement",
        "before-signing",
        "same-slug",
        "effect-before-signing",
        "supersedes-nothing",
        "unknown-signatory",
        "votes-past-the-world",
        "votes-past-64-bits",
        "votes-5000-digits",
        "approved-by-a-lost-vote",
        "approved-by-a-lost-referendum",
        "published-in-the-future",
    ],
)
def test_the_impossible_is_refused_and_nothing_stored(
    editor_api, talks, event_type, on, fields, status, field
):
    signed(editor_api, talks)
    code, error = refused(editor_api, talks, event_type, on, **fields)
    assert code == status
    assert field in error["errors"], error


def test_a_move_the_lifecycle_lacks_is_a_409_naming_what_is_allowed(editor_api, talks):
    signed(editor_api, talks)
    recorded(editor_api, talks, "agreement_took_effect", "2016-02-27", agreement="cessation")

    code, error = refused(
        editor_api, talks, "agreement_took_effect", "2016-02-28", agreement="cessation"
    )

    assert code == 409
    assert error["code"] == "invalid_transition"
    assert error["status"] == "in_force"
    # A status the schema's ConflictError allows (it listed the process's only).
    schema = editor_api.get("/api/v1/schema/", {"format": "json"}).json()
    conflict = schema["components"]["schemas"]["ConflictError"]["properties"]["status"]
    [ref] = conflict["allOf"]
    enum = schema["components"]["schemas"][ref["$ref"].rsplit("/", 1)[1]]["enum"]
    assert "in_force" in enum
    assert "agreement_took_effect" not in error["allowed"]
    assert "agreement_ended" in error["allowed"]
    # The agreement is refused, by its name and status, not "talks that are in_force".
    assert error["detail"].startswith(
        "The agreement 'cessation' is in force: it cannot take 'agreement_took_effect'."
    )
    body = {"type": "agreement_took_effect", "occurred_on": "2016-02-28", "agreement": "cessation"}
    body["sources"] = [{"url": "https://e.org/a", "outlet": "E"}]
    french = editor_api.post(
        f"/api/v1/processes/{talks}/events/", body, format="json", HTTP_ACCEPT_LANGUAGE="fr"
    ).json()["detail"]
    assert french.startswith("L'accord «\u00a0cessation\u00a0» est en vigueur"), french


def test_a_claim_dated_after_the_end_is_refused_for_its_date_in_the_reader_s_words(
    editor_api, talks
):
    """An analyst's outside test: a breach alleged after the agreement ended was refused as
    "ended: it cannot take 'agreement_breach_alleged'. Allowed now: none", when the same claim
    dated on or before the end is recorded. The refusal says the date is what is wrong."""
    signed(editor_api, talks)
    ended = {"agreement": "cessation", "end_reason": "expired"}
    recorded(editor_api, talks, "agreement_ended", "2016-03-05", **ended)
    claim = {"agreement": "cessation", "alleged_by": ["russia"], "causes": [cause()]}

    code, error = refused(editor_api, talks, "agreement_breach_alleged", "2016-03-06", **claim)

    assert (code, error["code"]) == (409, "invalid_transition")
    assert error["detail"] == (
        "The agreement 'cessation' closed on 5 March 2016 (ended): 'agreement_breach_alleged' "
        "is taken only with a date no later than that."
    )
    body = {"type": "agreement_breach_alleged", "occurred_on": "2016-03-06", **claim}
    body["sources"] = [{"url": "https://e.org/a", "outlet": "E"}]
    said = {
        language: editor_api.post(
            f"/api/v1/processes/{talks}/events/",
            body,
            format="json",
            HTTP_ACCEPT_LANGUAGE=language,
        ).json()["detail"]
        for language in ("fr", "zh-hans")
    }
    assert "a pris fin le 5 mars 2016 (terminé)" in said["fr"], said
    assert "于 2016年3月5日结束" in said["zh-hans"], said
    # Dated the day it ended, the claim is taken (the agreement held that day).
    recorded(editor_api, talks, "agreement_breach_alleged", "2016-03-05", **claim)


def test_a_claim_after_an_end_known_to_its_month_is_told_in_the_month_s_grammar(editor_api, talks):
    """Russian read "закрыто март 2016" (a month in the nominative after a verb: a review)."""
    signed(editor_api, talks)
    ended = {"agreement": "cessation", "end_reason": "expired", "date_precision": "month"}
    recorded(editor_api, talks, "agreement_ended", "2016-03-01", **ended)
    body = {
        "type": "agreement_breach_alleged",
        "occurred_on": "2016-04-02",
        "agreement": "cessation",
        "alleged_by": ["russia"],
        "causes": [cause()],
        "sources": [{"url": "https://e.org/a", "outlet": "E"}],
    }
    url = f"/api/v1/processes/{talks}/events/"
    said = {
        language: editor_api.post(url, body, format="json", HTTP_ACCEPT_LANGUAGE=language).json()[
            "detail"
        ]
        for language in ("en", "ru", "fr")
    }
    assert said["en"].startswith("The agreement 'cessation' closed in March 2016 (ended):")
    assert "закрыто (март 2016, прекращено)" in said["ru"], said
    assert "a pris fin en mars 2016" in said["fr"], said


def test_the_list_filters(anon, geneva):
    def slugs(**params):
        response = anon.get(AGREEMENTS, params)
        assert response.status_code == 200, response.json()
        return {a["agreement"] for a in response.json()["results"]}

    assert slugs(process="colombia-farc-talks-havana") == {
        "general-agreement-2012",
        "bilateral-ceasefire-2016",
        "final-agreement-2016",
        "new-final-agreement-2016",
    }
    assert slugs(stage="ceasefire", status="in_force") >= {"bilateral-ceasefire-2016"}
    assert slugs(signed_after="2023-01-01", party="saf") == {
        "short-term-ceasefire-2023",
        "ceasefire-extension-2023",
        "ceasefire-24-hours-2023",
        "ceasefire-72-hours-2023",
        "joint-statement-of-commitments-2023",
    }
    assert slugs(third_party="cuba", signed_before="2016-12-31") == {
        "general-agreement-2012",
        "bilateral-ceasefire-2016",
        "final-agreement-2016",
    }
    assert anon.get(AGREEMENTS, {"process": "atlantis"}).status_code == 400
    # status_on: the agreements signed by then, `status` their status on that date.
    havana = {"process": "colombia-farc-talks-havana"}
    assert slugs(**havana, status_on="2016-09-01") == {
        "general-agreement-2012",
        "bilateral-ceasefire-2016",
        "final-agreement-2016",
    }
    assert slugs(**havana, status="rejected") == {"final-agreement-2016"}
    assert slugs(**havana, status="rejected", status_on="2016-10-01") == set()
    assert slugs(**havana, status=["rejected", "signed"], status_on="2016-10-03") >= {
        "final-agreement-2016"
    }
    assert "final-agreement-2016" in slugs(**havana, status="signed", status_on="2016-10-01")
    assert anon.get(AGREEMENTS, {"status_on": "2016-02-30"}).status_code == 400
    assert anon.get(AGREEMENTS, {"stage": "truce"}).status_code == 400


# -- the "done when", told by the API -------------------------------------------------


def status_on(anon, slug: str, as_of: str, **params) -> dict:
    response = anon.get(f"/api/v1/processes/{slug}/status/", {"as_of": as_of, **params})
    assert response.status_code == 200, response.json()
    return response.json()


def test_geneva_on_28_february_2016_is_paused_with_the_cessation_in_force(anon, geneva):
    answer = status_on(anon, "intra-syrian-talks-geneva", "2016-02-28")

    assert answer["status"] == "paused"
    (cessation,) = answer["agreements_in_force"]
    assert cessation["agreement"] == "cessation-of-hostilities-2016"
    assert cessation["in_force_on"] == "2016-02-27"
    assert status_on(anon, "intra-syrian-talks-geneva", "2016-02-26")["agreements_in_force"] == []


@pytest.mark.parametrize("known_at", [None, "2016-10-03T12:00:00Z"])
def test_havana_on_3_october_2016_the_august_agreement_is_rejected_by_the_referendum(
    anon, geneva, known_at
):
    params = {"known_at": known_at} if known_at else {}
    answer = status_on(anon, "colombia-farc-talks-havana", "2016-10-03", **params)

    final = next(a for a in answer["agreements"] if a["agreement"] == "final-agreement-2016")
    assert (final["status"], final["rejected_by"], final["closed_on"]) == (
        "rejected",
        "referendum",
        "2016-10-02",
    )
    assert final["votes"][0]["no_share"] == 50.21
    assert final["superseded_by"] == ""  # not yet: the revised agreement was signed in November
    assert answer["agreements_not_listed"] == 0


def test_havana_on_1_december_2016_the_revised_agreement_is_ratified_and_supersedes_the_first(
    anon, geneva
):
    answer = status_on(anon, "colombia-farc-talks-havana", "2016-12-01")
    by_slug = {a["agreement"]: a for a in answer["agreements"]}

    revised = by_slug["new-final-agreement-2016"]
    assert revised["supersedes"] == "final-agreement-2016"
    assert [
        (v["body"], v["result"], v["votes_for"], v["votes_against"]) for v in revised["votes"]
    ] == [
        ("Senate of Colombia", "approved", 75, 0),
        ("House of Representatives of Colombia", "approved", 130, 0),
    ]
    assert by_slug["final-agreement-2016"]["superseded_by"] == "new-final-agreement-2016"


def test_the_list_in_pax_layout(anon, geneva):
    response = anon.get(AGREEMENTS, {"format": "pax", "stage": "ceasefire"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("Con,PPName,AgtId,Agt,Dat,Status,Stage,Part,ThrdPart,OthAgr")
    assert len(lines) == 1 + 7  # the demo's seven ceasefires
    assert all(",Cea," in line for line in lines[1:])


@pytest.mark.parametrize("as_known", [False, True])
def test_the_status_on_a_date_lists_the_open_agreements_and_only_the_latest_closed(
    editor_api, anon, talks, as_known
):
    """However many agreements closed before the date, the answer lists the open ones and the
    five latest closed, and counts the others: from the read model, and from the history
    replayed "as known at" the roadmap's signing (before its end was recorded)."""
    for n in range(7):
        on = f"2016-03-{2 * n + 1:02d}"
        signed(editor_api, talks, agreement=f"truce-{n}", on=on, takes_effect_on=None)
        recorded(
            editor_api,
            talks,
            "agreement_ended",
            f"2016-03-{2 * n + 2:02d}",
            agreement=f"truce-{n}",
            end_reason="collapsed",
            causes=[cause()],
        )
    roadmap = signed(editor_api, talks, agreement="roadmap", on="2016-03-15", takes_effect_on=None)
    ended = {"agreement": "roadmap", "end_reason": "collapsed", "causes": [cause()]}
    recorded(editor_api, talks, "agreement_ended", "2016-03-21", **ended)

    params = {"known_at": roadmap["recorded_at"]} if as_known else {}
    answer = status_on(anon, talks, "2016-03-20", **params)

    assert [(a["agreement"], a["status"]) for a in answer["agreements"]] == [
        ("truce-2", "ended"),
        ("truce-3", "ended"),
        ("truce-4", "ended"),
        ("truce-5", "ended"),
        ("truce-6", "ended"),
        ("roadmap", "signed"),
    ]
    assert answer["agreements_not_listed"] == 2
    every = anon.get(f"/api/v1/processes/{talks}/agreements/", {"status_on": "2016-03-20"})
    assert len(every.json()["results"]) == 8
    if not as_known:  # the board's page for the date says so too, and links to them all
        page = anon.get(f"/processes/{talks}/", {"as_of": "2016-03-20"}).content.decode()
        assert "2 agreements closed earlier are not listed." in page
        assert f"/api/v1/processes/{talks}/agreements/?status_on=2016-03-20" in page


@pytest.mark.parametrize("as_known", [False, True])
def test_a_successor_named_by_the_end_alone_reads_the_same_everywhere(
    editor_api, anon, talks, as_known
):
    """The end names its successor, the successor does not say it supersedes: the list, the
    status on a date (from the read model, and replayed "as known at") all name it."""
    signed(editor_api, talks, on="2016-02-22")
    signed(editor_api, talks, "lasting", "2016-03-01", title="Lasting", takes_effect_on=None)
    end = superseded(editor_api, talks, "lasting")
    assert agreement(anon, talks)["superseded_by"] == "lasting"
    params = {"known_at": end["recorded_at"]} if as_known else {}
    by_slug = {
        a["agreement"]: a for a in status_on(anon, talks, "2016-03-06", **params)["agreements"]
    }
    assert by_slug["cessation"]["superseded_by"] == "lasting"
    before_the_end = status_on(anon, talks, "2016-03-04", **params)["agreements"]
    assert {a["agreement"]: a["superseded_by"] for a in before_the_end}["cessation"] == ""


def test_an_agreement_is_not_superseded_by_one_signed_before_it(editor_api, talks):
    signed(editor_api, talks, on="2016-02-22")
    signed(editor_api, talks, "older", "2016-02-10", title="Older", takes_effect_on=None)
    code, error = refused(
        editor_api, talks, "agreement_ended", "2016-03-05", **superseding("older")
    )
    assert (code, list(error["errors"])) == (400, ["superseded_by"])
    assert "an agreement supersedes an earlier one" in error["errors"]["superseded_by"][0]
    code, error = refused(
        editor_api, talks, "agreement_signed", "2016-02-01", **{**OTHER, "supersedes": "cessation"}
    )
    assert (code, list(error["errors"])) == (400, ["supersedes"])


@pytest.mark.parametrize("as_known", [False, True])
def test_an_end_in_a_month_names_its_successor_only_once_it_was_signed(
    editor_api, anon, talks, as_known
):
    """Ended "in March", superseded by an agreement signed on the 20th: on the 10th the end
    counts (from the 1st), its successor does not exist yet."""
    signed(editor_api, talks, on="2016-02-22")
    signed(editor_api, talks, "lasting", "2016-03-20", title="Lasting", takes_effect_on=None)
    end = recorded(
        editor_api,
        talks,
        "agreement_ended",
        "2016-03-01",
        date_precision="month",
        **superseding("lasting"),
    )
    params = {"known_at": end["recorded_at"]} if as_known else {}
    for day, successor in (("2016-03-10", ""), ("2016-03-21", "lasting")):
        answer = status_on(anon, talks, day, **params)["agreements"]
        assert {a["agreement"]: a["superseded_by"] for a in answer}["cessation"] == successor


def test_paging_parameters_are_checked_where_a_list_answers_whole_or_unchanged(anon, geneva):
    """The PA-X layout answers the whole list, and a timeline at the version held answers
    304: a `page_size` that is none is still refused, never taken silently."""
    pax = anon.get(AGREEMENTS, {"format": "pax", "page_size": "many"})
    assert (pax.status_code, list(pax.json()["errors"])) == (400, ["page_size"])
    timeline = "/api/v1/processes/intra-syrian-talks-geneva/events/"
    held = anon.get(timeline)["ETag"]
    unchanged = anon.get(timeline, {"page_size": "0"}, HTTP_IF_NONE_MATCH=held)
    assert unchanged.status_code == 400
    assert anon.get(timeline, HTTP_IF_NONE_MATCH=held).status_code == 304


def test_an_alleged_breach_carries_its_stated_causes_now_and_on_a_date(anon, geneva):
    """A breach's stated cause was on the board's timeline only: the API listed who alleged
    it against whom, and the status on a date no breach at all (an analyst's outside test on
    the Pretoria sheet)."""
    slug = "ethiopia-tplf-talks-pretoria"
    listed = anon.get(f"/api/v1/processes/{slug}/agreements/").json()["results"]
    (breach,) = next(a for a in listed if a["agreement"] == "pretoria-agreement-2022")["breaches"]
    assert (breach["alleged_by"], breach["against"]) == (["tplf"], ["eritrea"])
    (stated,) = breach["causes"]
    assert (stated["category"], stated["stated_by"]) == ("military_escalation", "tplf")
    assert "new army units into Tigray" in stated["description"]

    def breaches_on(process: str, agreement: str, day: str) -> list[dict]:
        told = status_on(anon, process, day)["agreements"]
        return next(a for a in told if a["agreement"] == agreement)["breaches"]

    assert breaches_on(slug, "pretoria-agreement-2022", "2022-11-30") == [breach]
    # Yemen's cessation: Ban Ki-moon alleged serious violations on 26 June 2016.
    yemen = ("yemen-talks-kuwait", "cessation-of-hostilities-2016")
    assert breaches_on(*yemen, "2016-06-25") == []
    (alleged,) = breaches_on(*yemen, "2016-06-26")
    assert alleged["alleged_by"] == ["ban-ki-moon"]
    assert alleged["causes"][0]["stated_by"] == "ban-ki-moon"


def test_a_process_s_detail_names_its_third_parties(anon, geneva):
    """The board listed a process's third parties (Cuba, guarantor and host...); no API answer
    did but the raw events (an analyst's outside test; DESIGN: third parties have roles on the
    process and on each agreement)."""
    detail = anon.get("/api/v1/processes/colombia-farc-talks-havana/").json()

    roles = {(t["actor"], t["role"]) for t in detail["third_parties"]}
    assert {("cuba", "guarantor"), ("cuba", "host"), ("norway", "guarantor")} <= roles
    assert all(set(t) == {"actor", "role"} for t in detail["third_parties"])


def test_a_breach_stored_before_breaches_kept_their_causes_is_served(anon, geneva):
    """Read models of layout 2 (built before) hold breaches without causes until they are
    rebuilt: the agreements and the status on a date answered 500 meanwhile (a review)."""
    from negotiations.read.models import Agreement

    pretoria = Agreement.objects.get(slug="pretoria-agreement-2022")
    pretoria.breaches = [{k: v for k, v in b.items() if k != "causes"} for b in pretoria.breaches]
    pretoria.save(update_fields=["breaches"])

    listed = anon.get("/api/v1/agreements/", {"process": "ethiopia-tplf-talks-pretoria"})
    assert listed.status_code == 200, listed.content[:300]
    (breach,) = next(
        a for a in listed.json()["results"] if a["agreement"] == "pretoria-agreement-2022"
    )["breaches"]
    assert breach["causes"] == []
    assert status_on(anon, "ethiopia-tplf-talks-pretoria", "2022-11-30")["agreements"]


def test_an_agreement_s_version_moves_with_an_amendment_of_its_events(app, anon, geneva):
    """Its version is the sequence of its latest event: a correction or a retraction of one of
    its events is one (an analyst's test: corrections left it where it was)."""
    from negotiations.read.models import TimelineEntry
    from tests.factories import correct

    havana = Process.objects.get(slug="colombia-farc-talks-havana")
    senate = TimelineEntry.objects.get(
        process=havana, type="agreement_ratified", occurred_on="2016-11-29"
    )

    def version() -> int:
        listed = anon.get("/api/v1/agreements/", {"process": havana.slug}).json()["results"]
        return next(a for a in listed if a["agreement"] == "new-final-agreement-2016")["version"]

    before = version()
    corrected = correct(
        app, havana.id, senate.sequence, "2016-12-02", reason="Recount", votes_for=74
    )
    assert version() == corrected.sequence > before
    retracted = app.retract_event(
        havana.id, occurred_on="2016-12-02", retracts=senate.sequence, reason="x", recorded_by="x"
    )
    assert version() == retracted.sequence


def test_a_slug_too_long_is_refused_as_too_long(editor_api, actors):
    """A 300-character slug was refused as "Must be a slug: lowercase letters, digits and
    hyphens", which it was (an analyst's test)."""
    from tests.api.recording import opened_over_http, refused

    talks = opened_over_http(editor_api)
    long_slug = "-".join(["ceasefire"] * 30)
    status, error = refused(
        editor_api, talks, "agreement_signed", "2016-02-22", **signing(agreement=long_slug)
    )

    assert status == 400
    assert error["errors"]["agreement"] == [f"At most 100 characters (got {len(long_slug)})."]
