"""The commands of `tinhgon` (see tinhgon.cli): they parse, call queries and services, print."""
