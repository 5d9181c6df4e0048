"""Shared building blocks that every domain app may import and that import none of them.

The listing and filtering convention, request-parameter cleaning, collation, upload checks and
other pieces used across sections live here (bakerydemo calls such an app `base`). Arrows point
down: domain apps -> search -> base; this app imports no domain app.
"""
