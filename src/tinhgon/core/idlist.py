"""A long list of ids as one query parameter.

`.filter(unit_id__in=[...])` makes Django prepare every id one by one (a third of a second for
75,000 ids) and the databases cap the parameters of a statement (SQLite: 32,766), so long lists
went in chunks. `id_list(ids)` passes the whole list as one value that the database unpacks:
a JSON array read by `json_each` on SQLite, an array `unnest`ed on PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.db import connection
from django.db.models.expressions import RawSQL


def id_list(ids: Iterable[int]) -> RawSQL:
    """The ids as a subquery: `.filter(unit_id__in=id_list(ids))`."""
    values = sorted({int(i) for i in ids})
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (values,))
    return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(values),))
