"""The OpenAPI schema validates, documents each event type, and every path answers."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit
from urllib.request import urlopen

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from negotiations.domain.specs import SPECS
from tests.api_fixtures import GENEVA


def test_schema_validates_and_documents_each_event_body(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    components = schema["components"]["schemas"]
    for event_type in SPECS:
        if event_type != "process_opened":
            name = "".join(p.capitalize() for p in event_type.split("_")) + "BodyRequest"
            assert name in components, name
    paused = components["TalksPausedBodyRequest"]
    assert "expected_resumption_on" in paused["required"]
    assert "CAMEO 164" in paused["description"]
    # Codes that depend on the body are said for each value, not as the first one alone.
    signed = components["AgreementSignedBodyRequest"]["description"]
    assert "`agreed`: Coded by `stage`" in signed, signed
    assert "`ceasefire`: CAMEO 0871" in signed, signed
    assert "CAMEO 037 (Express intent to settle dispute)" in signed, signed


def test_every_documented_path_answers(anon, geneva):
    schema = anon.get("/api/v1/schema/", {"format": "json"}).json()
    for path, operations in schema["paths"].items():
        if "get" not in operations or path.startswith("/api/v1/webhooks/"):
            continue  # webhooks are for editors only (tests/webhooks)
        url = re.sub(r"\{ref\}", GENEVA, path)
        url = re.sub(r"\{slug\}", "turkey", url)
        response = anon.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if "schema" not in url:
            browsable = anon.get(url, HTTP_ACCEPT="text/html")
            assert browsable.status_code == 200, (url, "as HTML", browsable.status_code)


class Assets(HTMLParser):
    """Every URL the page makes the browser load: scripts, stylesheets, icons, images."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {"script": "src", "link": "href", "img": "src", "iframe": "src"}
        url = dict(attrs).get(names.get(tag, ""))
        if url:
            self.urls.append(url)


def test_docs_load_nothing_but_what_we_serve(live_server):
    # Over real HTTP, static files included, as a browser opening the page would.
    with urlopen(live_server.url + "/api/v1/docs/", timeout=30) as response:
        parser = Assets()
        parser.feed(response.read().decode())
    assert any("swagger-ui-bundle" in url for url in parser.urls), parser.urls
    for url in parser.urls:
        parts = urlsplit(url)
        assert not parts.scheme, f"the docs page loads {url} from elsewhere"
        assert not parts.netloc, f"the docs page loads {url} from elsewhere"
        with urlopen(live_server.url + url, timeout=30) as asset:
            assert asset.status == 200, url
            assert asset.read(), url
