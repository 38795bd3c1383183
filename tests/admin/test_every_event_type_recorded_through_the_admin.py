"""Each event type's form, generated from the specs, records that event through the
application: it lands in the event store and shows on the process page."""

from __future__ import annotations

import pytest

from negotiations.domain.registry import EVENT_LABELS
from negotiations.domain.specs import SPECS
from negotiations.domain.vocabulary import EventType as E
from negotiations.read.models import Process
from tests.admin.conftest import cause_row, page_url, submit_event
from tests.factories import record

TWO_CAUSES = [
    cause_row("military_escalation", "ban-ki-moon", "Increased aerial bombing."),
    cause_row(
        "procedural",
        "staffan-de-mistura",
        "No talks for the sake of talking.",
        url="https://example.org/envoy",
        outlet="Envoy Wire",
    ),
]
ONE_CAUSE = TWO_CAUSES[:1]

# The form fields of the longer cases.
SIGNED = {
    "agreement": "accord",
    "title": "Accord of Test",
    "stage": "partial",
    "signatories": ["syrian-government", "hnc"],
    "third_parties": "united-nations:guarantor; turkey:host",
    "takes_effect_on": "2016-02-20",
}
CONVENED = {"venue": "Geneva", "format": "proximity", "round": "Round 1"}
CONCLUDED = {"outcome": "agreement", "agreement_title": "Accord of Test"}
STATEMENT = {
    "actor": "turkey",
    "stance": "critical",
    "summary": "No point.",
    "quote": "None at all.",
}
JOINT = {**STATEMENT, "joint_with": ["russia", "iran"]}  # the Astana guarantors, jointly
RATIFIED = {"agreement": "accord", "body": "Test Senate", "result": "approved", "votes_for": "75"}
REFERENDUM = {"agreement": "accord", "result": "rejected", "no_share": "50.21", "turnout": "37.4"}
BREACH = {"agreement": "accord", "alleged_by": ["hnc"], "against": ["syrian-government"]}
HNC_IN_ARABIC = {"language": "ar", "name": "الهيئة العليا للمفاوضات", "actor": "hnc"}
SCHEDULED = {"scheduled_for": "2016-03-01", "venue": "Montreux"}
PAUSED = {"expected_resumption_on": "2016-02-25"}
ENDED = {"agreement": "accord", "end_reason": "expired"}
GRIEVANCE = "Increased aerial bombing."

# (event type, the state the process must be in, form fields, causes, text the page shows)
CASES = [
    (E.TALKS_SCHEDULED, "planned", SCHEDULED, None, "Montreux"),
    (E.TALKS_CONVENED, "planned", CONVENED, None, "Round 1"),
    (E.TALKS_PAUSED, "active", PAUSED, TWO_CAUSES, "No talks for the sake of talking."),
    (E.TALKS_RESUMED, "paused", {"venue": "Lausanne"}, None, "Lausanne"),
    (E.TALKS_SUSPENDED, "active", {}, ONE_CAUSE, GRIEVANCE),
    (E.TALKS_CONCLUDED, "active", CONCLUDED, None, "Accord of Test"),
    (E.TALKS_COLLAPSED, "planned", {}, ONE_CAUSE, GRIEVANCE),
    (E.PARTY_JOINED, "planned", {"actor": "turkey"}, None, "Turkey"),
    (E.PARTY_WITHDREW, "planned", {"actor": "hnc"}, ONE_CAUSE, GRIEVANCE),
    (E.MEDIATOR_APPOINTED, "planned", {"actor": "staffan-de-mistura"}, None, "Staffan de Mistura"),
    (E.MEDIATOR_STEPPED_DOWN, "planned", {"actor": "united-nations"}, None, "United Nations"),
    (E.STATEMENT_MADE, "planned", STATEMENT, ONE_CAUSE, "None at all."),
    (E.STATEMENT_MADE, "planned", JOINT, None, "Jointly with: <bdi>Russia, Iran</bdi>"),
    (E.NAME_GIVEN, "planned", {"language": "ru", "name": "Минские переговоры"}, None, "Минские"),
    (E.NAME_GIVEN, "planned", HNC_IN_ARABIC, None, "الهيئة العليا"),
    (E.AGREEMENT_SIGNED, "planned", SIGNED, None, "Accord of Test"),
    (E.AGREEMENT_TOOK_EFFECT, "agreement", {"agreement": "accord"}, None, "accord"),
    (E.AGREEMENT_RATIFIED, "agreement", RATIFIED, None, "Test Senate"),
    (E.REFERENDUM_HELD, "agreement", REFERENDUM, None, "50.21"),
    (E.AGREEMENT_BREACH_ALLEGED, "agreement", BREACH, ONE_CAUSE, "Syrian government delegation"),
    (E.AGREEMENT_ENDED, "agreement", ENDED, None, "Expired"),
    (E.THIRD_PARTY_JOINED, "planned", {"actor": "turkey", "role": "host"}, None, "Turkey"),
]


ACCORD = {"agreement": "accord", "title": "Accord of Test", "stage": "partial"}


def bring_to(app, process: Process, state: str) -> None:
    def setup(event_type: str, occurred_on: str, **fields) -> None:
        record(app, process.pk, event_type, occurred_on, by="setup", **fields)

    if state in ("active", "paused"):
        setup("talks_convened", "2016-02-01")
    if state == "agreement":
        setup("agreement_signed", "2016-02-01", **ACCORD, signatories=["hnc"])
    if state == "paused":
        setup("talks_paused", "2016-02-02", expected_resumption_on="2016-02-20")


def test_every_recordable_type_has_a_case():
    recordable = set(SPECS) - {E.PROCESS_OPENED, E.EVENT_CORRECTED, E.EVENT_RETRACTED}
    assert {c[0] for c in CASES} == recordable


@pytest.mark.parametrize(("event_type", "state", "fields", "causes", "shown"), CASES)
def test_event_recorded_through_the_admin(
    app, planned, editor_client, event_type, state, fields, causes, shown
):
    bring_to(app, planned, state)
    before = app.get_process(planned.pk).version

    response = submit_event(
        editor_client,
        planned,
        event_type,
        {"occurred_on": "2016-02-10", "note": "Entered at the desk.", **fields},
        causes=causes,
        with_causes=SPECS[event_type].causes != "none",
    )

    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == page_url(planned)
    # In the event store: one more event on the aggregate, of that type, by this editor.
    process = app.get_process(planned.pk)
    assert process.version == before + 1
    stored = list(app.repository.event_store.get(planned.pk))[-1]
    assert stored.event_type == event_type
    assert stored.recorded_by == "editor"
    assert stored.note == "Entered at the desk."
    if causes:
        assert [c["stated_by"] for c in stored.causes] == [c["stated_by"] for c in causes]
    # On the process page, in the timeline.
    page = editor_client.get(page_url(planned)).content.decode()
    assert f'<strong title="{event_type}">{EVENT_LABELS[event_type]}</strong>' in page
    assert shown in page
