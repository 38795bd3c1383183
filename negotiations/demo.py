"""The demo data set: the intra-Syrian talks in Geneva, 2016, as the seed article reports them.

Facts from the project's reference notes (dates are world dates). Where no direct link to the
reporting outlet's article was at hand, the source points to an encyclopedia summary and the
outlet field says whose reporting it summarises.
"""

from __future__ import annotations

from typing import Any

SEED = {
    "url": "https://www.huffpost.com/entry/backed-by-russian-jets-syrian-army-closes-in-on-aleppo_n_56b37778e4b08069c7a63e09",
    "outlet": "HuffPost (Reuters)",
    "title": "Backed By Russian Jets, Syrian Army Closes In On Aleppo",
    "published_on": "2016-02-04",
}
WIKI_GENEVA = "https://en.wikipedia.org/wiki/Geneva_III_peace_talks_on_Syria"


def summary(outlet: str) -> dict[str, Any]:
    return {
        "url": WIKI_GENEVA,
        "outlet": f"Wikipedia, summarising {outlet}",
        "title": "Geneva III peace talks on Syria",
    }


ACTORS = [
    ("united-nations", "United Nations", "organization"),
    ("staffan-de-mistura", "Staffan de Mistura, UN Special Envoy for Syria", "person"),
    ("ban-ki-moon", "Ban Ki-moon, UN Secretary-General", "person"),
    ("un-official", "A UN official (unnamed)", "person"),
    ("syrian-government", "Syrian government delegation", "delegation"),
    ("bashar-al-jaafari", "Bashar al-Jaafari, head of the government delegation", "person"),
    ("hnc", "High Negotiations Committee (opposition)", "political_group"),
    ("riad-hijab", "Riad Hijab, HNC coordinator", "person"),
    ("turkey", "Turkey", "state"),
    ("russia", "Russia", "state"),
    ("iran", "Iran", "state"),
    ("saudi-arabia", "Saudi Arabia", "state"),
    ("united-states", "United States", "state"),
]

GENEVA_SLUG = "intra-syrian-talks-geneva"

GENEVA_OPENING: dict[str, Any] = {
    "name": "Intra-Syrian talks (Geneva)",
    "slug": GENEVA_SLUG,
    "conflict": "Syrian civil war",
    "description": "UN-mediated proximity talks between the Syrian government and the "
    "opposition High Negotiations Committee, Geneva, 2016.",
    "mediators": ["united-nations"],
    "parties": ["syrian-government", "hnc"],
    "occurred_on": "2016-01-25",
    "sources": [summary("IANS/Xinhua")],
    "note": "Talks planned to open in Geneva on 25 January; moved to 29 January.",
}

# (type, body) in the order they are recorded.
GENEVA_EVENTS: list[tuple[str, dict[str, Any]]] = [
    (
        "talks_scheduled",
        {
            "occurred_on": "2016-01-25",
            "scheduled_for": "2016-01-29",
            "venue": "Geneva",
            "sources": [summary("IANS/Xinhua")],
            "note": "Opening moved from 25 to 29 January.",
        },
    ),
    (
        "statement_made",
        {
            "occurred_on": "2016-01-29",
            "actor": "staffan-de-mistura",
            "stance": "supportive",
            "summary": "De Mistura meets the government delegation as the talks open informally.",
            "sources": [summary("UN News")],
        },
    ),
    (
        "talks_convened",
        {
            "occurred_on": "2016-02-01",
            "venue": "Geneva",
            "format": "proximity",
            "round": "Geneva III, first round",
            "sources": [summary("Al Jazeera")],
            "note": "De Mistura declares the official start of the talks.",
        },
    ),
    (
        "talks_paused",
        {
            "occurred_on": "2016-02-03",
            "expected_resumption_on": "2016-02-25",
            "causes": [
                {
                    "category": "military_escalation",
                    "stated_by": "ban-ki-moon",
                    "description": "The first steps of the talks were undermined by increased "
                    "aerial bombing.",
                    "source": SEED,
                },
                {
                    "category": "military_escalation",
                    "stated_by": "un-official",
                    "description": "The UN did not want to be associated with the Russian "
                    "escalation around Aleppo.",
                    "source": SEED,
                },
                {
                    "category": "procedural",
                    "stated_by": "staffan-de-mistura",
                    "description": '"I won\'t talk for the sake of talking."',
                    "source": summary("The National"),
                },
            ],
            "sources": [SEED, summary("The National")],
            "note": 'A "temporary pause" until 25 February, "not the end or the failure" of the '
            "talks. The press called it a suspension.",
        },
    ),
    (
        "statement_made",
        {
            "occurred_on": "2016-02-03",
            "actor": "hnc",
            "stance": "conditional",
            "summary": "No return to the talks until detainees are released, sieges lifted and "
            "air strikes stopped.",
            "causes": [
                {
                    "category": "preconditions",
                    "stated_by": "riad-hijab",
                    "description": "Detainees must be released and air strikes stopped first.",
                },
                {
                    "category": "humanitarian_access",
                    "stated_by": "riad-hijab",
                    "description": "Sieges must be lifted.",
                },
            ],
            "sources": [summary("Reuters")],
        },
    ),
    (
        "statement_made",
        {
            "occurred_on": "2016-02-03",
            "actor": "syrian-government",
            "stance": "critical",
            "summary": "The government delegation blames the opposition and its backers.",
            "causes": [
                {
                    "category": "external_pressure",
                    "stated_by": "bashar-al-jaafari",
                    "description": "The opposition's foreign backers wrecked the talks.",
                }
            ],
            "sources": [summary("Tasnim")],
        },
    ),
    (
        "statement_made",
        {
            "occurred_on": "2016-02-03",
            "actor": "turkey",
            "stance": "critical",
            "summary": "No point to peace talks while Russia carries out attacks in Syria.",
            "causes": [
                {
                    "category": "military_escalation",
                    "stated_by": "turkey",
                    "description": "Russian air strikes in Syria.",
                    "source": SEED,
                }
            ],
            "sources": [SEED],
        },
    ),
    (
        "talks_resumed",
        {
            "occurred_on": "2016-03-14",
            "venue": "Geneva",
            "sources": [summary("France24")],
        },
    ),
    (
        "talks_concluded",
        {
            "occurred_on": "2016-03-24",
            "outcome": "no_agreement",
            "sources": [summary("France24")],
            "note": "The round ends.",
        },
    ),
    (
        "talks_convened",
        {
            "occurred_on": "2016-04-13",
            "venue": "Geneva",
            "format": "proximity",
            "round": "Geneva III, third round",
            "sources": [summary("Reuters")],
        },
    ),
    (
        "party_withdrew",
        {
            "occurred_on": "2016-04-18",
            "actor": "hnc",
            "causes": [
                {
                    "category": "military_escalation",
                    "stated_by": "hnc",
                    "description": "Violations of the truce.",
                },
                {
                    "category": "humanitarian_access",
                    "stated_by": "hnc",
                    "description": "Humanitarian access is not being granted.",
                },
            ],
            "sources": [summary("Xinhua"), summary("Reuters")],
            "note": "The HNC postpones its formal participation.",
        },
    ),
    (
        "talks_concluded",
        {
            "occurred_on": "2016-04-27",
            "outcome": "no_agreement",
            "sources": [summary("SANA")],
            "note": "The round ends in deadlock.",
        },
    ),
]


# A second process, outside Syria: the Havana talks between the Colombian government and the
# FARC-EP (2012-2016), from public reporting as summarised by encyclopedia articles.
WIKI_COLOMBIA = "https://en.wikipedia.org/wiki/Colombian_peace_process"
WIKI_REFERENDUM = "https://en.wikipedia.org/wiki/2016_Colombian_peace_agreement_referendum"


def colombia(outlet: str, url: str = WIKI_COLOMBIA) -> dict[str, Any]:
    title = (
        "Colombian peace process"
        if url == WIKI_COLOMBIA
        else ("2016 Colombian peace agreement referendum")
    )
    return {"url": url, "outlet": f"Wikipedia, summarising {outlet}", "title": title}


ACTORS += [
    ("colombian-government", "Government of Colombia", "state"),
    ("farc-ep", "FARC-EP", "armed_group"),
    ("juan-manuel-santos", "Juan Manuel Santos, President of Colombia", "person"),
    ("alvaro-uribe", "Álvaro Uribe, leader of the No campaign", "person"),
    ("cuba", "Cuba (guarantor)", "state"),
    ("norway", "Norway (guarantor)", "state"),
]

HAVANA_SLUG = "colombia-farc-talks-havana"

HAVANA_OPENING: dict[str, Any] = {
    "name": "Colombian government–FARC talks (Havana)",
    "slug": HAVANA_SLUG,
    "conflict": "Colombian armed conflict",
    "description": "Talks between the government of Colombia and the FARC-EP, opened in Oslo "
    "and held in Havana, with Cuba and Norway as guarantors.",
    "mediators": ["cuba", "norway"],
    "parties": ["colombian-government", "farc-ep"],
    "occurred_on": "2012-08-26",
    "sources": [colombia("Reuters")],
    "note": "General agreement for the talks signed in Havana after exploratory talks.",
}

HAVANA_EVENTS: list[tuple[str, dict[str, Any]]] = [
    (
        "talks_convened",
        {
            "occurred_on": "2012-10-18",
            "venue": "Oslo",
            "format": "direct",
            "sources": [colombia("BBC")],
            "note": "Formal launch near Oslo; moved to Havana in November.",
        },
    ),
    (
        "talks_suspended",
        {
            "occurred_on": "2014-11-16",
            "causes": [
                {
                    "category": "military_escalation",
                    "stated_by": "juan-manuel-santos",
                    "description": "The FARC captured General Rubén Darío Alzate in Chocó; "
                    "talks halt until he is freed.",
                }
            ],
            "sources": [colombia("BBC")],
        },
    ),
    (
        "talks_resumed",
        {
            "occurred_on": "2014-12-10",
            "venue": "Havana",
            "sources": [colombia("Reuters")],
            "note": "After the general's release on 30 November.",
        },
    ),
    (
        "talks_concluded",
        {
            "occurred_on": "2016-08-24",
            "outcome": "agreement",
            "agreement_title": "Final Agreement to End the Armed Conflict and Build a Stable and "
            "Lasting Peace",
            "causes": [
                {
                    "category": "agreement_reached",
                    "stated_by": "juan-manuel-santos",
                    "description": "A final agreement is reached in Havana.",
                }
            ],
            "sources": [colombia("Reuters")],
        },
    ),
    (
        "statement_made",
        {
            "occurred_on": "2016-10-02",
            "actor": "alvaro-uribe",
            "stance": "rejecting",
            "summary": "The agreement is rejected in the plebiscite (50.2% No); the No campaign "
            "asks for renegotiation.",
            "causes": [
                {
                    "category": "political_crisis",
                    "stated_by": "alvaro-uribe",
                    "description": "Too lenient on FARC crimes and political participation.",
                }
            ],
            "sources": [colombia("BBC", WIKI_REFERENDUM)],
        },
    ),
    (
        "talks_resumed",
        {
            "occurred_on": "2016-10-01",
            "date_precision": "month",
            "venue": "Havana",
            "sources": [colombia("Reuters", WIKI_REFERENDUM)],
            "note": "Negotiators return to Havana to renegotiate after the plebiscite.",
        },
    ),
    (
        "talks_concluded",
        {
            "occurred_on": "2016-11-12",
            "outcome": "agreement",
            "agreement_title": "Revised final agreement (signed at the Teatro Colón, 24 November)",
            "sources": [colombia("Reuters", WIKI_REFERENDUM)],
        },
    ),
]

# (key, opening, events): what load_demo records, in this order.
PROCESSES = [
    ("geneva", GENEVA_OPENING, GENEVA_EVENTS),
    ("havana", HAVANA_OPENING, HAVANA_EVENTS),
]
