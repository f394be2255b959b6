"""Interchange: the whole database to one file and back (`tinhgon backup`, `tinhgon restore`)."""
