"""Where Django looks for the app's models: the read models and the actor registry live in
`negotiations/read/models.py`; the digests' and webhooks' tables are in their own apps."""

from negotiations.read.models import *  # noqa: F403
