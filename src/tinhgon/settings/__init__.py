"""Settings by environment: `development` (default), `test` and `production`."""
