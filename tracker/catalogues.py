"""The translation catalogues (locale/<language>/LC_MESSAGES/django.po) checked with Python
alone: every entry translated and none fuzzy, and each compiled .mo saying exactly what its
.po says (the .mo files are committed, so a machine with only Python serves them; run
`manage.py compilemessages` after editing a .po, `manage.py makemessages` after changing a
string in the code).

    python -m tracker.catalogues        # exits 1, naming each problem, when there is one
"""

from __future__ import annotations

import ast
import gettext
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # 0 for a singular entry
    fuzzy: bool = False
    line: int = 0


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (the header is the one whose msgid is empty)."""
    entries: list[Entry] = []
    entry, key = Entry(), ""

    def finish() -> None:
        nonlocal entry, key
        if key:
            entries.append(entry)
        entry, key = Entry(), ""

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#,"):
            entry.fuzzy = "fuzzy" in (flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(entry, key, ast.literal_eval(line))
        else:
            word, _, text = line.partition(" ")
            if word in ("msgid", "msgctxt") and key.startswith("msgstr"):
                finish()
            key = word
            entry.line = entry.line or number
            _append(entry, key, "", start=True)
            _append(entry, key, ast.literal_eval(text))
    finish()
    return entries


def _append(entry: Entry, key: str, text: str, *, start: bool = False) -> None:
    if key in ("msgid", "msgid_plural", "msgctxt"):
        attribute = key
        value = "" if start else (getattr(entry, attribute) or "") + text
        setattr(entry, attribute, value)
    elif key.startswith("msgstr"):
        index = int(key[7:-1]) if key.startswith("msgstr[") else 0
        entry.msgstr[index] = "" if start else entry.msgstr.get(index, "") + text


def problems(locale: Path = LOCALE) -> list[str]:
    """What is wrong with the catalogues, one line each (none: all is well)."""
    found: list[str] = []
    catalogues = sorted(locale.glob("*/LC_MESSAGES/django.po"))
    if not catalogues:
        return [f"No catalogue under {locale}."]
    for po in catalogues:
        entries = [e for e in read_po(po) if e.msgid]
        for e in entries:
            where = f"{po.relative_to(locale.parent)}:{e.line}"
            if e.fuzzy:
                found.append(f"{where}: fuzzy: {e.msgid!r}")
            if not e.msgstr or not all(e.msgstr.values()):
                found.append(f"{where}: untranslated: {e.msgid!r}")
            if po.parts[-3] == "fr" and any(re.search(" [:;?!]", s) for s in e.msgstr.values()):
                # French sets these after a no-break space (as Django's own catalogue does):
                # a plain one lets a line break before them. Only a plain space is caught: a
                # colon with no space before it (django-axes' own French has some) passes.
                found.append(f"{where}: a plain space before : ; ? or !: {e.msgid!r}")
            if po.parts[-3] == "fr" and any(re.search("« | »", s) for s in e.msgstr.values()):
                # Likewise inside guillemets (« nope »): a line broke inside them.
                found.append(f"{where}: a plain space inside « »: {e.msgid!r}")
            if not po.parts[-3].startswith(WITHOUT_SPACES):
                found.extend(f"{where}: {lost}: {e.msgid!r}" for lost in _spaces_lost(e))
        found.extend(_compiled_problems(po, entries))
    return found


# Languages that set no space between words and sentences (Chinese: its full-width "：" and
# "。" hold their own), where a translation drops the space at an entry's ends.
WITHOUT_SPACES = ("zh",)


def _spaces_lost(e: Entry) -> list[str]:
    """The space at either end of the source that a translation left out. It stands between
    the entry and the next word or element ("Note: ", " (", "%(total)s process. "): without
    it they run together."""
    lost = []
    for said in e.msgstr.values():
        if e.msgid.endswith(" ") and not said.endswith(" "):
            lost.append("the space at its end left out")
        if e.msgid.startswith(" ") and not said.startswith(" "):
            lost.append("the space at its start left out")
    return lost


def _compiled_problems(po: Path, entries: list[Entry]) -> list[str]:
    mo = po.with_suffix(".mo")
    if not mo.exists():
        return [f"{mo}: missing; run manage.py compilemessages"]
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        e.msgid
        for e in entries
        if e.msgid_plural is None and e.msgstr.get(0) and _compiled(compiled, e) != e.msgstr[0]
    ]
    if stale:
        return [f"{mo}: out of date with its .po ({len(stale)} entries); run compilemessages"]
    return []


def _compiled(compiled: gettext.GNUTranslations, e: Entry) -> str:
    if e.msgctxt is not None:
        return compiled.pgettext(e.msgctxt, e.msgid)
    return compiled.gettext(e.msgid)


if __name__ == "__main__":
    wrong = problems()
    for problem in wrong:
        print(problem)
    if wrong:
        sys.exit(1)
    print(f"The catalogues under {LOCALE} are complete and compiled.")
