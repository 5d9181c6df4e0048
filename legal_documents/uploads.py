"""The site-wide checked document form now lives in base.uploads; kept importable here."""

from base.uploads import CheckedDocumentForm

__all__ = ["CheckedDocumentForm"]
