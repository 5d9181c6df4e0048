"""A Wagtail document upload form that checks legal file types by content (see files.py)."""

from wagtail.documents.forms import BaseDocumentForm


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail document upload form that checks PDF, DOC and DOCX files by their content.

    For use as WAGTAILDOCS_DOCUMENT_FORM_BASE: a file named .pdf/.doc/.docx must really be one
    (a renamed image or archive is refused with a Vietnamese message) and stay under the size
    limit; other extensions keep Wagtail's own checks (WAGTAILDOCS_EXTENSIONS).
    """

    def clean_file(self):
        from pathlib import PurePath

        from legal_documents.files import ALLOWED_EXTENSIONS, validate_legal_file

        uploaded = self.cleaned_data.get("file")
        name = getattr(uploaded, "name", "") or ""
        extension = PurePath(name).suffix.lower().lstrip(".")
        if uploaded and "file" in self.changed_data and extension in ALLOWED_EXTENSIONS:
            validate_legal_file(uploaded, name, getattr(uploaded, "size", None))
        return uploaded
