# Search folds case and accents in every script (issue 23, item 17): the projection writes
# each process's name, conflict and description folded; existing rows are filled here, so no
# rebuild is needed (a rebuild writes the same values).

import unicodedata

from django.db import migrations, models


def fold(text):  # negotiations.read.folding.fold as of this migration
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_text(name, conflict, description):
    return "\n".join(fold(part or "") for part in (name, conflict, description))


def fill(apps, schema_editor):
    Process = apps.get_model("negotiations", "Process")
    rows = Process.objects.only("id", "name", "conflict", "description")
    changed = []
    for row in rows.iterator(chunk_size=1000):
        row.search_text = search_text(row.name, row.conflict, row.description)
        changed.append(row)
        if len(changed) == 1000:
            Process.objects.bulk_update(changed, ["search_text"])
            changed = []
    Process.objects.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("negotiations", "0006_fewer_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="process",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
