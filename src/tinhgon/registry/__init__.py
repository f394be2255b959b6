"""The registry: units and their versions over dates, codes, legal documents and events."""
