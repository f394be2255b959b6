"""Background jobs: long work (reports, imports) run off the request, with progress."""
