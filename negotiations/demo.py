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
