"""The one writer of the actor registry. The admin, the API, `import_events` and the demo all
add actors here, so a slug is derived by one rule (the domain's `slugify`, the same rule that
derives a process's slug) and an existing actor is never overwritten by a later file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from negotiations.domain.body_fields import NOT_A_SLUG, SLUG, SLUG_MAX, TOO_LONG
from negotiations.domain.errors import Words
from negotiations.domain.slugs import slugify
from negotiations.domain.text_rules import control_refusal, name_refusal
from negotiations.domain.vocabulary import ACTOR_KINDS, gettext_noop
from negotiations.write.models import Actor

ONE_OF = gettext_noop("One of %(kinds)s.")
TAKEN = gettext_noop("An actor with the slug '%(slug)s' already exists.")


class ActorRefused(ValueError):
    """An actor that cannot be added, with the field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class NewActor:
    slug: str
    name: str
    kind: str
    description: str = ""


def slug_for(name: str, slug: str | None = None) -> str:
    """The slug given, or the one derived from the name; refused when neither gives one, or
    the one given is not a slug an event can name (an attacker's outside test: "HB_Actor"
    and a case twin of a slug were taken, and no actor is ever deleted)."""
    given = (slug or "").strip()
    if given and not SLUG.fullmatch(given):
        raise ActorRefused("slug", NOT_A_SLUG)
    if len(given) > SLUG_MAX:
        raise ActorRefused("slug", Words(TOO_LONG, max=SLUG_MAX, got=len(given)))
    slug = given or slugify(name or "")
    if not slug:
        raise ActorRefused("slug", gettext_noop("Could not derive a slug from the name: give one."))
    return slug


def refuse_bad_text(name: str, description: str) -> None:
    """An actor's name is printed in feeds, emails and titles: one line, no control
    character, no bidirectional control. Its description holds no control character."""
    refusal = name_refusal(name or "")
    if refusal:
        raise ActorRefused("name", refusal[1])
    refusal = control_refusal(description or "", one_line=False)
    if refusal:
        raise ActorRefused("description", refusal[1])


def add_actor(*, name: str, kind: str, description: str = "", slug: str | None = None) -> Actor:
    """Add one actor; refuses an unknown kind, a bad name or a slug that is taken."""
    if kind not in ACTOR_KINDS:
        raise ActorRefused("kind", Words(ONE_OF, kinds=", ".join(ACTOR_KINDS)))
    refuse_bad_text(name, description)
    slug = slug_for(name, slug)
    taken = ActorRefused("slug", Words(TAKEN, slug=slug))
    if Actor.objects.filter(slug=slug).exists():
        raise taken
    try:
        with transaction.atomic():  # another writer may add the same slug meanwhile
            return Actor.objects.create(slug=slug, name=name, kind=kind, description=description)
    except IntegrityError:
        raise taken from None


def change_actor(actor: Actor, *, name: str, kind: str, description: str) -> Actor:
    """Change an actor's name, kind or description. Its slug never changes: events name it."""
    if kind not in ACTOR_KINDS:
        raise ActorRefused("kind", Words(ONE_OF, kinds=", ".join(ACTOR_KINDS)))
    refuse_bad_text(name, description)
    actor.name, actor.kind, actor.description = name, kind, description
    actor.save(update_fields=["name", "kind", "description", "changed_at"])
    return actor


def add_missing(entries: Iterable[NewActor]) -> list[NewActor]:
    """Add the entries this registry lacks; an actor it has already keeps its own name and
    kind. Returns the entries added."""
    entries = list(entries)
    known = set(
        Actor.objects.filter(slug__in=[a.slug for a in entries]).values_list("slug", flat=True)
    )
    missing = [a for a in entries if a.slug not in known]
    Actor.objects.bulk_create(
        [Actor(slug=a.slug, name=a.name, kind=a.kind, description=a.description) for a in missing]
    )
    return missing


def stand_in(slug: str, kind: str) -> NewActor:
    """An entry for an actor a file names but does not describe (`import_events
    --create-actors`): its name is read from its slug, to be corrected in the admin."""
    return NewActor(slug=slug, name=slug.replace("-", " ").title(), kind=kind)
