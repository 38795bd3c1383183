"""The README's walkthroughs work as written, on a fresh database set up the way `dev.py run`
sets it up: its admin walkthrough (the steps read from the README's own sentence, typed into the
admin's forms as a browser submits them, with nothing the README does not say), then each curl
line of its API sections, sent as written (the token is the one `issue_token` prints)."""

from __future__ import annotations

import json
import re
import shlex
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.test import Client

from negotiations.read.models import Process, TimelineEntry

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
SITE = "http://127.0.0.1:8000"
DATE = r"\d{4}-\d{2}-\d{2}"
# The README's words for the form's fields.
FIELDS = {"venue": "venue", "source": "sources-0-url", "outlet": "sources-0-outlet"}


def section(title: str) -> str:
    return README.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def walkthrough_steps(text: str) -> list[tuple[str, dict[str, str]]]:
    """ "`talks_paused` on 2017-03-03 with the resumption expected on 2017-03-23 (source URL,
    outlet Example Wire)" -> ("talks_paused", {field: value})."""
    sentence = " ".join(text.split()).split("Try it on the demo:", 1)[1].split(". ", 1)[0]
    steps = []
    pattern = rf"`(\w+)` on ({DATE})(?: with the resumption expected on ({DATE}))?(?: \(([^)]*)\))?"
    for event_type, day, expected, details in re.findall(pattern, sentence):
        fields = {"occurred_on": day}
        if expected:
            fields["expected_resumption_on"] = expected
        for part in re.split(r"[;,] ", details) if details else []:
            word, _, value = part.partition(" ")
            fields[FIELDS[word]] = value
        steps.append((event_type, fields))
    return steps


class Forms(HTMLParser):
    """The page's forms as a browser submits them: every named control with its value."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"action": a.get("action") or "", "method": a.get("method") or "get", "data": {}}
            )
            return
        if not self.forms:
            return
        data = self.forms[-1]["data"]
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            data[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            data.setdefault(name, None)
        elif tag == "option" and self._select:
            if data[self._select] is None or "selected" in a:
                data[self._select] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            data[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.forms[-1]["data"][self._textarea] += data


def forms_of(response) -> list[dict[str, Any]]:
    parser = Forms()
    parser.feed(response.content.decode())
    for form in parser.forms:  # a select without options sends nothing
        form["data"] = {k: v for k, v in form["data"].items() if v is not None}
    return parser.forms


def link_to(response, text: str) -> str:
    (href,) = re.findall(
        rf'<a href="([^"]+)"[^>]*>{re.escape(text)}</a>', response.content.decode()
    )
    return href


def record_in_the_admin(browser: Client, page: str, event_type: str, fields: dict[str, str]):
    """Choose the type under "Record an event", open its form, fill it in, submit it."""
    (chooser,) = [f for f in forms_of(browser.get(page)) if "type" in f["data"]]
    form_page = browser.get(chooser["action"], {"type": event_type}, follow=True)
    assert form_page.status_code == 200, form_page.status_code
    (form,) = [
        f
        for f in forms_of(form_page)
        if f["method"].lower() == "post" and "occurred_on" in f["data"]
    ]
    assert set(fields) <= set(form["data"]), set(fields) - set(form["data"])
    return browser.post(form_page.request["PATH_INFO"], {**form["data"], **fields})


def test_the_admin_walkthrough_works_as_written_on_a_fresh_database(db, settings, tmp_path):
    steps = walkthrough_steps(section("Admin: recording an event"))
    assert [t for t, _ in steps] == ["talks_resumed", "talks_paused"], steps

    settings.VAR_DIR = tmp_path  # where `ensure_admin` keeps the password
    devnull = open("/dev/null", "w")  # noqa: SIM115
    call_command("load_demo", stdout=devnull)  # what `dev.py run` does
    call_command("ensure_admin", stdout=devnull)
    password = (tmp_path / "admin-password.txt").read_text().strip()

    browser = Client()
    login = browser.post("/admin/login/?next=/admin/", {"username": "admin", "password": password})
    assert login.status_code == 302, login.content
    processes = browser.get(link_to(browser.get("/admin/"), "Processes"))
    page = link_to(processes, "Intra-Syrian talks (Geneva)")
    for event_type, fields in steps:
        answer = record_in_the_admin(browser, page, event_type, fields)
        assert answer.status_code == 302, (
            event_type,
            answer.context and answer.context["form"].errors,
        )

    geneva = Process.objects.get(slug="intra-syrian-talks-geneva")
    assert geneva.status == "paused"
    assert str(geneva.expected_resumption_on) == steps[1][1]["expected_resumption_on"]
    recorded = TimelineEntry.objects.filter(process=geneva, recorded_by="admin").order_by(
        "sequence"
    )
    assert [(e.type, str(e.occurred_on)) for e in recorded] == [
        (t, f["occurred_on"]) for t, f in steps
    ]
    assert [e.recorded["sources"][0]["outlet"] for e in recorded] == ["Example Wire"] * 2


def curl_commands(text: str) -> list[list[str]]:
    """Every curl command of the section's shell blocks, continuation lines joined."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in _logical_lines(joined):
            if line.startswith("curl "):
                commands.append(shlex.split(line, comments=True))
    return commands


def _logical_lines(text: str) -> list[str]:
    lines, current = [], ""
    for raw in text.splitlines():
        current = f"{current}\n{raw}" if current else raw
        try:
            shlex.split(current, comments=True)
        except ValueError:  # an open quote: the command goes on
            continue
        lines.append(current.strip())
        current = ""
    return lines


def send(client: Client, argv: list[str], token: str):
    method, headers, data, url = "GET", {}, None, None
    args = iter(argv[1:])
    for arg in args:
        if arg == "-X":
            method = next(args)
        elif arg == "-H":
            name, _, value = next(args).partition(": ")
            headers[name] = value.replace("$TOKEN", token)
        elif arg == "-d":
            data = next(args)
        elif not arg.startswith("-"):
            url = arg
    assert url, url
    assert url.startswith(SITE), url
    extra = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()}
    content_type = extra.pop("HTTP_CONTENT_TYPE", "application/json")
    if method == "POST":
        json.loads(data)  # the README's body is valid JSON
        return client.post(url.removeprefix(SITE), data, content_type=content_type, **extra)
    return client.get(url.removeprefix(SITE), **extra)


def test_then_every_curl_line_works_as_written(db, settings, tmp_path, capsys):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("ensure_admin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    browser = Client()
    password = (tmp_path / "admin-password.txt").read_text().strip()
    browser.post("/admin/login/?next=/admin/", {"username": "admin", "password": password})
    page = link_to(browser.get("/admin/negotiations/process/"), "Intra-Syrian talks (Geneva)")
    for event_type, fields in walkthrough_steps(section("Admin: recording an event")):
        assert record_in_the_admin(browser, page, event_type, fields).status_code == 302

    capsys.readouterr()
    call_command("issue_token", "admin")
    token = capsys.readouterr().out.strip()
    commands = curl_commands(section("API")) + curl_commands(section("Import, export, CSV"))
    assert [c[0] for c in commands] == ["curl"] * 4, commands
    api = Client()
    for argv in commands:
        answer = send(api, argv, token)
        assert answer.status_code in (200, 201), (argv, answer.status_code, answer.content)
    geneva = Process.objects.get(slug="intra-syrian-talks-geneva")
    assert geneva.status == "active"  # the README's POST resumed the talks after the pause
