"""Where Django looks for the app's models: the read models are in `negotiations/read/models.py`,
the actor registry in `negotiations/write/models.py`; the digests' and webhooks' tables are in
their own apps."""

from negotiations.read.models import *  # noqa: F403
from negotiations.write.models import Actor  # noqa: F401
