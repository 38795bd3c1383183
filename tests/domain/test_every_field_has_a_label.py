"""Every field an event type carries has a label of its own, which the catalogues translate:
one read from its stored name ("Joint with") would stay English in every language."""

from negotiations.domain.bodies import Body
from negotiations.domain.specs import SPECS
from negotiations.presentation.labels import FIELD_LABELS


def test_every_field_of_every_event_type_is_labelled():
    fields = {f.name for spec in SPECS.values() for f in spec.fields} | set(Body.model_fields)
    assert sorted(fields - set(FIELD_LABELS)) == []
