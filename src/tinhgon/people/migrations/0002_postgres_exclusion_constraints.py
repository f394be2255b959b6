"""On PostgreSQL, let the database itself refuse overlapping posts and holdings.

Deferred to commit, so that a service can write, run its own checks (people/invariants.py) and
refuse with a clear Vietnamese message first; the database remains the last line. SQLite has
no exclusion constraints; there the same rules are the service checks alone.
"""

from django.db import migrations

CONSTRAINTS = [
    # A unit has one post of a type and function at a time.
    (
        "people_post",
        "post_no_overlap",
        "unit_id WITH =, post_type WITH =, function WITH =, "
        "daterange(valid_from, valid_to, '[)') WITH &&",
        "",
    ),
    # The same person does not hold a post twice at once.
    (
        "people_holding",
        "holding_person_no_overlap",
        "post_id WITH =, person_id WITH =, daterange(valid_from, valid_to, '[)') WITH &&",
        "",
    ),
    # A single-holder post has one holder at a time.
    (
        "people_holding",
        "holding_single_no_overlap",
        "post_id WITH =, daterange(valid_from, valid_to, '[)') WITH &&",
        " WHERE (exclusive)",
    ),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for table, name, spec, where in CONSTRAINTS:
        schema_editor.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT {name} EXCLUDE USING gist ({spec}){where}"
            " DEFERRABLE INITIALLY DEFERRED"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, *_ in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
