"""The README's examples work in the order it gives them: its admin walkthrough (a pause
recorded on the demo's Geneva talks), then each curl line of its API section, sent as written
(the token is the one `issue_token` prints)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from django.core.management import call_command
from django.test import Client

from tests.admin.conftest import cause_row, submit_event

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
SITE = "http://127.0.0.1:8000"

# The walkthrough as the README tells it (checked against its text below).
WALKTHROUGH = [
    ("talks_resumed", {"occurred_on": "2017-02-23", "venue": "Geneva"}),
    ("talks_paused", {"occurred_on": "2017-03-03", "expected_resumption_on": "2017-03-23"}),
]


def section(title: str) -> str:
    return README.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


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


def test_walkthrough_then_every_curl_line(geneva, editor, capsys):
    editor.is_staff = True  # the walkthrough logs in to the admin
    editor.save()
    walkthrough = section("Admin: recording an event")
    for event_type, fields in WALKTHROUGH:
        assert f"`{event_type}` on {fields['occurred_on']}" in walkthrough, event_type
    assert "expected on 2017-03-23" in walkthrough

    browser = Client()
    browser.force_login(editor)
    for event_type, fields in WALKTHROUGH:
        causes = [cause_row("procedural", "staffan-de-mistura", "The round ends.")]
        answer = submit_event(browser, geneva, event_type, fields, causes=causes)
        assert answer.status_code == 302, answer.context["form"].errors
    geneva.refresh_from_db()
    assert geneva.status == "paused"

    call_command("issue_token", editor.username)
    token = capsys.readouterr().out.strip()
    commands = curl_commands(section("API")) + curl_commands(section("Import, export, CSV"))
    assert [c[0] for c in commands] == ["curl"] * 4, commands
    api = Client()
    for argv in commands:
        answer = send(api, argv, token)
        assert answer.status_code in (200, 201), (argv, answer.status_code, answer.content)
    geneva.refresh_from_db()
    assert geneva.status == "active"  # the README's POST resumed the talks
