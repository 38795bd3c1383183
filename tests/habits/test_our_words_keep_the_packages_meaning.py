"""The project's catalogues come before every package's (LOCALE_PATHS), so a word of ours that
Django's admin or another installed package also translates is said our way on their pages
too. A referendum's "Yes" ("За", "for") was the answer of every yes-or-no filter of the
Russian admin. Each word the project shares with a package must say what the package says,
or be one read and found to mean the same there (below); a word that means something else
for us takes a context (`pgettext`, `{% translate ... context ... %}`)."""

from __future__ import annotations

from pathlib import Path

import django
import pytest
from django.apps import apps

from tracker.catalogues import LOCALE, read_po

# Said otherwise than the package says it, and read to mean the same on its pages.
SAME_MEANING = {
    "ar": {"Clear", "Remove", "Search", "Server error", "URL", "active", "hash", "salt"},
    "es": {"Clear", "Remove"},
    "fr": {"Remove", "Today", "User Agent"},
    "ru": {"Clear", "Search", "Summary", "User Agent", "active", "name"},
    "zh_Hans": {":", "Remove", "Summary", "This field is required.", "URL", "active"},
}


def singular(path: Path) -> dict[tuple[str | None, str], str]:
    return {
        (e.msgctxt, e.msgid): e.msgstr.get(0, "")
        for e in read_po(path)
        if e.msgid and e.msgid_plural is None and not e.fuzzy and e.msgstr.get(0)
    }


def packages() -> list[Path]:
    """Django's own folder and every installed app that is a package, not the project's."""
    found = [Path(django.__file__).parent / "conf", *(Path(a.path) for a in apps.get_app_configs())]
    return [p for p in found if "site-packages" in p.parts]


@pytest.mark.parametrize("language", sorted(SAME_MEANING))
def test_a_word_we_share_with_a_package_keeps_its_meaning_there(language):
    ours = singular(LOCALE / language / "LC_MESSAGES" / "django.po")
    shared, said_otherwise = 0, set()
    for package in packages():
        po = package / "locale" / language / "LC_MESSAGES" / "django.po"
        if not po.exists():
            continue
        for key, theirs in singular(po).items():
            if key in ours:
                shared += 1
                if ours[key] != theirs:
                    said_otherwise.add(key[1])
    assert shared > 20  # the admin's and the packages' catalogues were read
    assert said_otherwise == SAME_MEANING[language], (
        f"new: {sorted(said_otherwise - SAME_MEANING[language])}; "
        f"no longer: {sorted(SAME_MEANING[language] - said_otherwise)}"
    )
