"""The read-only public API (/api/v1/): the catalogue, the register, the yearly expired lists,
news, inspections and remedies, and the dossier statistics as JSON, described by OpenAPI 3.

Each endpoint reads its filters with the section's own parser (the catalogue's
`CatalogueQuery`, the register's `RegisterFilterForm`, the tracker's `parse_tracker_filters`,
`base.listing.Listing`), so a parameter means the same here as on the public list.
"""
