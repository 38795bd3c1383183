"""Text someone wrote, kept in its own direction inside a page's sentence
(`presentation.direction.isolated`): `{{ value|isolated }}`, also in a `blocktranslate`'s
`with`, where a `<bdi>` cannot go."""

from django import template

from negotiations.presentation.direction import isolated as isolate

register = template.Library()


@register.filter
def isolated(text: str | None) -> str:
    return isolate(text)
