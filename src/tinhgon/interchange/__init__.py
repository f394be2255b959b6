"""Interchange: the whole database to one file and back (`tinhgon backup`, `tinhgon restore`);
spreadsheet templates, validated imports and list exports (docs/developer/interchange.md)."""
