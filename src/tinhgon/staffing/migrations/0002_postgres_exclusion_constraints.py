"""On PostgreSQL, let the database itself refuse overlapping employment and quotas.

Deferred to commit, so that a service can write, run its own checks (staffing/invariants.py)
and refuse with a clear Vietnamese message first; the database remains the last line. SQLite
has no exclusion constraints; there the same rules are the service checks alone.
"""

from django.db import migrations

CONSTRAINTS = [
    # A person is not employed twice at once in the same unit.
    (
        "staffing_employment",
        "employment_no_overlap",
        "person_id WITH =, unit_id WITH =, daterange(valid_from, valid_to, '[)') WITH &&",
    ),
    # A unit has one quota of a category at a time.
    (
        "staffing_staffingquota",
        "quota_no_overlap",
        "unit_id WITH =, category WITH =, daterange(valid_from, valid_to, '[)') WITH &&",
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
    dependencies = [("staffing", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
