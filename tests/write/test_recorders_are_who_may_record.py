"""`recorders()` (who may record, as a query: the webhooks' owner rule) and `may_record`
(the same question of one user) answer alike for every kind of user (a review: the rule is
written twice, once in SQL)."""

from django.contrib.auth.models import Permission

from negotiations.write.permissions import may_record, recorders
from tests.factories import editors_group, user


def test_the_query_and_the_question_agree(db):
    editors_group()
    made = [
        user("editor", editor=True),
        user("root", superuser=True),
        user("reader"),
        user("staff", staff=True),
    ]
    inactive_root = user("gone-root", superuser=True)
    inactive_root.is_active = False
    inactive_root.save()
    inactive_editor = user("gone-editor", editor=True)
    inactive_editor.is_active = False
    inactive_editor.save()
    direct = user("direct")
    direct.user_permissions.add(
        Permission.objects.get(codename="record_event", content_type__app_label="negotiations")
    )
    everyone = [*made, inactive_root, inactive_editor, direct]
    by_query = set(recorders().values_list("username", flat=True))
    by_question = {u.username for u in everyone if may_record(type(u).objects.get(pk=u.pk))}
    assert by_query == by_question == {"editor", "root", "direct"}
