"""An endpoint that asks for "agreement" hears of each agreement signed (`agreement.signed`)
and each change of an agreement's lifecycle status (`agreement.status_changed`), with the
agreement's status before and after in the payload; nothing else."""

from __future__ import annotations

import uuid

from standardwebhooks import Webhook

from negotiations.webhooks import services
from tests.factories import SOURCE, opening


def test_an_agreement_endpoint_hears_its_signing_and_status_changes(app, actors, receiver):
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["agreement"])
    hook = Webhook(endpoint.secret)
    pid = app.open_process(opening(), recorded_by="x").process_id
    common = {"sources": [SOURCE], "recorded_by": "x", "agreement": "cessation"}
    app.sign_agreement(
        pid,
        occurred_on="2016-02-22",
        title="Cessation of hostilities",
        stage="ceasefire",
        signatories=["united-states", "russia"],
        concluded="agreed",  # announced as agreed by its co-chairs, no signing reported
        **common,
    )
    app.ratify_agreement(
        pid, occurred_on="2016-02-26", body="UN Security Council", result="approved", **common
    )
    app.put_agreement_in_force(pid, occurred_on="2016-02-27", **common)
    app.convene_talks(pid, occurred_on="2016-03-14", sources=[SOURCE], recorded_by="x")

    assert services.endpoint_deliver(endpoint_id=endpoint.pk, token=uuid.uuid4()) == "done"

    payloads = [hook.verify(r.body, r.headers) for r in receiver.received]
    assert [p["type"] for p in payloads] == ["agreement.signed", "agreement.status_changed"]
    signed, in_force = (p["data"]["agreement"] for p in payloads)
    assert signed == {
        "slug": "cessation",
        "title": "Cessation of hostilities",
        "concluded": "agreed",  # a receiver can tell it was never signed
        "status_before": None,
        "status_after": "signed",
    }
    assert (in_force["status_before"], in_force["status_after"]) == ("signed", "in_force")
    assert in_force["concluded"] == "agreed"
    assert payloads[0]["data"]["actors"]["russia"] == "Russia"
    assert payloads[1]["data"]["event"]["cameo"] == "057"
