"""Every stored event names its class by a topic string; those strings are in the store for good,
so each must keep resolving, in a fresh interpreter, to the class with the same fields."""

import json
import subprocess
import sys
from pathlib import Path

from negotiations.domain.process import EVENT_CLASSES

ROOT = Path(__file__).resolve().parents[2]

RECORDED = ["occurred_on", "date_precision", "sources", "note", "recorded_by"]
PREFIX = "negotiations.domain.process:PeaceProcess."

# The topics as the store holds them, each with the event type and the fields after the
# envelope, in their order. Written out, not derived from the classes they guard.
# Class version 2 added a field (month precision): events stored at version 1 are upcast.
VERSIONS = {"TalksScheduled": 3, "TalksPaused": 2, "AgreementSigned": 2, "StatementMade": 2}
STORED = {
    "ProcessOpened": (
        "process_opened",
        ["name", "slug", "conflict", "description", "mediators", "parties"],
    ),
    "TalksScheduled": (
        "talks_scheduled",
        ["scheduled_for", "scheduled_for_precision", "venue", "causes"],
    ),
    "TalksConvened": ("talks_convened", ["venue", "format", "round"]),
    "TalksPaused": (
        "talks_paused",
        ["expected_resumption_on", "expected_resumption_precision", "causes"],
    ),
    "TalksResumed": ("talks_resumed", ["venue"]),
    "TalksSuspended": ("talks_suspended", ["causes"]),
    "TalksConcluded": ("talks_concluded", ["outcome", "agreement_title", "causes"]),
    "TalksCollapsed": ("talks_collapsed", ["causes"]),
    "PartyJoined": ("party_joined", ["actor"]),
    "PartyWithdrew": ("party_withdrew", ["actor", "causes"]),
    "MediatorAppointed": ("mediator_appointed", ["actor"]),
    "MediatorSteppedDown": ("mediator_stepped_down", ["actor"]),
    "StatementMade": (
        "statement_made",
        ["actor", "stance", "summary", "quote", "joint_with", "causes"],
    ),
    "NameGiven": ("name_given", ["language", "name", "actor"]),
    "EventCorrected": ("event_corrected", ["corrects", "changes", "reason"]),
    "EventRetracted": ("event_retracted", ["retracts", "reason"]),
    "AgreementSigned": (
        "agreement_signed",
        [
            "agreement",
            "title",
            "stage",
            "signatories",
            "concluded",
            "third_parties",
            "text_url",
            "takes_effect_on",
            "supersedes",
        ],
    ),
    "AgreementTookEffect": ("agreement_took_effect", ["agreement"]),
    "AgreementRatified": (
        "agreement_ratified",
        ["agreement", "body", "result", "votes_for", "votes_against", "abstentions"],
    ),
    "ReferendumHeld": (
        "referendum_held",
        ["agreement", "result", "yes_share", "no_share", "turnout"],
    ),
    "AgreementBreachAlleged": (
        "agreement_breach_alleged",
        ["agreement", "alleged_by", "against", "causes"],
    ),
    "AgreementEnded": (
        "agreement_ended",
        ["agreement", "end_reason", "ended_by", "superseded_by", "causes"],
    ),
    "ThirdPartyJoined": ("third_party_joined", ["actor", "role"]),
}

# Resolves each topic by importing its module and walking its attributes, as the store's
# mapper does when it reads an event back.
PROBE = """
import dataclasses, json, sys
from eventsourcing.utils import get_topic, resolve_topic
ENVELOPE = {"originator_id", "originator_version", "timestamp", "originator_topic"}
found = {}
for topic in json.loads(sys.argv[1]):
    cls = resolve_topic(topic)
    fields = [f.name for f in dataclasses.fields(cls) if f.name not in ENVELOPE]
    found[topic] = [cls.event_type, fields, get_topic(cls), cls.class_version]
print(json.dumps(found))
"""


def test_every_stored_topic_resolves_to_its_class_in_a_fresh_interpreter():
    topics = [PREFIX + name for name in STORED]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(topics)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout)
    for name, (event_type, own_fields) in STORED.items():
        topic = PREFIX + name
        version = VERSIONS.get(name, 1)
        assert found[topic] == [event_type, RECORDED + own_fields, topic, version], name


def test_every_event_class_is_one_of_the_stored_topics():
    assert {cls.__qualname__.removeprefix("PeaceProcess.") for cls in EVENT_CLASSES.values()} == (
        set(STORED)
    )
    assert {cls.__module__ for cls in EVENT_CLASSES.values()} == {"negotiations.domain.process"}
