"""Text that people typed (a process's name, an actor's name, a stated cause) reaches the
status picture escaped, on the admin's process page and on the public board: the SVG stays
well-formed, has no element of its own making, and reads back exactly what was typed."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from django.test import Client

from negotiations.read.models import Process
from negotiations.write.models import Actor
from tests.admin.conftest import page_url
from tests.factories import SOURCE, opening

SVG = "{http://www.w3.org/2000/svg}"
NAME = 'Talks "<script>alert(1)</script>"'
ENVOY = 'Envoy "<script>alert(2)</script>"'
DESCRIPTION = '<script>alert(3)</script> "walked out" & left'


def svg_of(page: str) -> str:
    return re.search(r"<svg [^>]*status-timeline.*?</svg>", page, re.S).group(0)


def test_typed_text_reaches_the_picture_escaped(app, actors, editor_client):
    Actor.objects.create(slug="hostile-envoy", name=ENVOY, kind="person")
    opened = app.open_process(opening(name=NAME, slug="hostile-talks"), recorded_by="setup")
    app.convene_talks(
        opened.process_id, occurred_on="2016-02-01", sources=[SOURCE], recorded_by="setup"
    )
    cause = {"category": "other", "stated_by": "hostile-envoy", "description": DESCRIPTION}
    app.suspend_talks(
        opened.process_id,
        occurred_on="2016-02-05",
        causes=[cause],
        sources=[SOURCE],
        recorded_by="setup",
    )
    process = Process.objects.get(pk=opened.process_id)
    pages = {
        "admin": editor_client.get(page_url(process)),
        "board": Client().get("/processes/hostile-talks/"),
    }
    for where, response in pages.items():
        assert response.status_code == 200, where
        svg = svg_of(response.content.decode())
        assert "<script" not in svg, where
        assert "&quot;" in svg, where
        assert "&lt;script&gt;" in svg, where
        root = ElementTree.fromstring(svg)  # well-formed: nothing typed broke out of it
        assert not root.findall(f".//{SVG}script"), where
        titles = [t.text or "" for t in root.iter(f"{SVG}title")]
        assert any(NAME in t for t in titles), (where, titles)
        hover = next(t for t in titles if t.startswith("Suspended from 5 February 2016"))
        # The name isolated for the bidirectional algorithm (U+2068 ... U+2069).
        assert f"{DESCRIPTION} (\u2068{ENVOY}\u2069)" in hover, (where, hover)
