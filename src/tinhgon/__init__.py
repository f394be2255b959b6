"""tinhgon: a temporal registry of Vietnam's political apparatus."""

__version__ = "0.1.0"
