"""The REST API and its OpenAPI schema; thin over the domain services and queries."""
