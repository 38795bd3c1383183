"""Every catalogue (ar, zh-Hans, fr, ru, es) translates every entry, none is fuzzy, and each
committed .mo says what its .po says; the check that `dev.py test` runs says which entry
fails, for an untranslated, a fuzzy or a stale one alike."""

import shutil

import pytest

from tracker.catalogues import LOCALE, problems, read_po

LANGUAGES = {"ar", "zh_Hans", "fr", "ru", "es"}


def test_the_catalogues_are_complete_and_compiled():
    assert {p.name for p in LOCALE.iterdir() if p.is_dir()} == LANGUAGES
    assert problems() == []


def test_every_catalogue_has_the_same_entries():
    entries = {
        language: {e.msgid for e in read_po(LOCALE / language / "LC_MESSAGES" / "django.po")}
        for language in LANGUAGES
    }
    assert len({frozenset(ids) for ids in entries.values()}) == 1
    assert len(entries["fr"]) > 400


@pytest.fixture
def french(tmp_path):
    """A copy of the catalogues, the French .po to spoil."""
    shutil.copytree(LOCALE, tmp_path / "locale")
    return tmp_path / "locale", tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ('msgstr "Suivi des négociations"', 'msgstr ""', "untranslated: 'Negotiation tracker'"),
        (
            'msgid "Negotiation tracker"',
            '#, fuzzy\nmsgid "Negotiation tracker"',
            "fuzzy: 'Negotiation tracker'",
        ),
        ('msgstr "Suivi des négociations"', 'msgstr "Suivi"', "out of date with its .po"),
    ],
    ids=["untranslated", "fuzzy", "mo-older-than-po"],
)
def test_a_spoiled_entry_is_named(french, old, new, named):
    locale, po = french
    text = po.read_text()
    assert old in text
    po.write_text(text.replace(old, new, 1))
    (problem,) = problems(locale)
    assert named in problem


def test_a_french_colon_after_a_plain_space_is_named(french):
    """French sets : ; ? ! after a no-break space, as Django's own French does ("Date :"):
    after a plain one a line can break before the colon, and our words sat beside Django's
    with two kinds of space."""
    locale, po = french
    text = po.read_text()
    po.write_text(text.replace('msgstr "Suivi des négociations"', 'msgstr "Suivi : négociations"'))
    found = problems(locale)
    assert "a plain space before : ; ? or !: 'Negotiation tracker'" in "\n".join(found), found


def test_a_translation_that_drops_the_space_at_its_end_is_named(french):
    """An entry that ends in a space ("Note: ") is followed by a word or an element: a
    translation without it runs them together ("Note :Les pourparlers"). Chinese drops it
    by design (its "：" holds its own), so only the other catalogues are held to it."""
    locale, po = french
    text = po.read_text()
    po.write_text(
        text.replace(
            'msgid "Note: "\nmsgstr "Note\u00a0: "', 'msgid "Note: "\nmsgstr "Note\u00a0:"'
        )
    )
    found = problems(locale)
    assert "the space at its end left out: 'Note: '" in "\n".join(found), found
    chinese = locale / "zh_Hans" / "LC_MESSAGES" / "django.po"
    assert 'msgid "Note: "\nmsgstr "备注："' in chinese.read_text()


def test_a_french_guillemet_with_a_plain_space_is_named(french):
    """Inside « » too: "Aucun processus « nope »." broke a line inside them (a reader's
    outside test counted 80 such French entries)."""
    locale, po = french
    text = po.read_text()
    po.write_text(
        text.replace('msgstr "Suivi des négociations"', 'msgstr "Suivi « négociations »"')
    )
    found = problems(locale)
    assert "a plain space inside « »: 'Negotiation tracker'" in "\n".join(found), found
