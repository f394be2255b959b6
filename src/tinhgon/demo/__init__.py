"""The Móng Cái demo data set."""
