"""On PostgreSQL, let the database itself refuse overlapping intervals.

Deferred to commit, so that a service can write, run its own checks and refuse with a clear
message first; the database remains the last line.

SQLite has no exclusion constraints; there the same rules are the service checks in
registry/invariants.py (which run on PostgreSQL too, to give the Vietnamese message).
"""

from django.db import migrations

CONSTRAINTS = [
    # No two versions of one unit overlap.
    (
        "registry_unitversion",
        "unitversion_no_overlap",
        "unit_id WITH =, daterange(valid_from, valid_to, '[)') WITH &&",
    ),
    # A code never points to two units (or twice to one) on the same date.
    (
        "registry_unitcode",
        "unitcode_no_overlap",
        "scheme WITH =, code WITH =, daterange(valid_from, valid_to, '[)') WITH &&",
    ),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for table, name, spec in CONSTRAINTS:
        schema_editor.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT {name} EXCLUDE USING gist ({spec})"
            " DEFERRABLE INITIALLY DEFERRED"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, _ in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
