"""Vietnam's real administrative units before and after 2025-07-01, from the package
`vietnamadminunits` (data only, read offline), with the 2025 reform as events."""
