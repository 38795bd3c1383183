"""Reference data recorded directly, not as events: the actor registry, written only through
`negotiations.write.actors`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from negotiations.domain.vocabulary import ACTOR_KINDS, CHOICE_LABELS


class Actor(models.Model):
    """Reference data: a state, group, organisation, delegation or person."""

    slug = models.SlugField(verbose_name=_("slug"), max_length=100, unique=True)
    name = models.CharField(verbose_name=_("name"), max_length=200)
    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=20,
        # The domain's words for each kind ("armed group"), said in the reader's language.
        choices=[(k, _(CHOICE_LABELS[k])) for k in ACTOR_KINDS],
    )
    description = models.TextField(verbose_name=_("description"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    # Its last change: the registry's latest is part of every ETag of a page or an answer that
    # names actors (a renamed actor answered 304 with its old name: an outside client's test).
    changed_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")

    def __str__(self) -> str:
        return f"{self.name} ({self.slug})"
