"""The composition root: what the application does with and after each command, wired in
one place (cosmicpython's bootstrap). `runtime.get_application` calls `hooks()` through
`settings.APPLICATION_HOOKS`; the write side imports neither the read side nor the apps."""

from __future__ import annotations

from negotiations.read.inline import ReadModelsInline
from negotiations.webhooks.services import kick
from negotiations.write.runtime import Hooks


def hooks() -> Hooks:
    """The inline projection (used when PROJECT_AFTER_WRITE is on) and, in both modes, the
    webhooks' kick after each commit (enqueue a dispatch at most: a receiver never slows a
    write)."""
    return Hooks(projection=ReadModelsInline(), after_commit=(kick,))
