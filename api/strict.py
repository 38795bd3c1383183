"""Unknown fields are refused, not ignored (DESIGN): one rule for every serializer that reads a
request's body, the API's and the webhooks' alike."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers


def refuse_unknown(sent: Any, known: Any) -> None:
    """A 400 naming each field of `sent` (a request's body) that `known` does not hold."""
    unknown = set(sent if isinstance(sent, dict) else ()) - set(known)
    if unknown:
        raise serializers.ValidationError({k: [_("Unknown field.")] for k in sorted(unknown)})


class NoUnknownFields(serializers.Serializer):
    """A serializer whose `validate` first refuses any field it does not declare (an
    attacker's outside test: a redelivery's `{"x": 1}` was taken, the `x` ignored)."""

    def validate(self, attrs):
        refuse_unknown(self.initial_data, self.fields)
        return super().validate(attrs)
