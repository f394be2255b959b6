"""The web UI in Vietnamese; thin over the domain services and queries."""
