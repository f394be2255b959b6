"""Shared building blocks: validity intervals, domain errors, text and date helpers."""
