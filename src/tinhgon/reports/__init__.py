"""Reports built from the records: the Đề án 25 implementation report (issue 7)."""
