"""The audit trail: an append-only record of every write, who made it and on what basis."""
