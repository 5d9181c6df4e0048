"""What the home page shows of this section (see home/sections.py)."""

from django.urls import reverse

from base.visibility import public_q
from home.sections import HomeItem
from legal_documents.models import LegalDocumentPage

LATEST = 5


def home_context(request) -> dict:
    documents = (
        LegalDocumentPage.objects.filter(public_q())
        .select_related("document_type")
        .order_by("-issued_on", "-first_published_at")
        .exclude(issued_on=None)[:LATEST]
    )
    return {
        "legal_document_feed_links": [
            (
                "application/atom+xml",
                "Văn bản mới (Atom)",
                reverse("legal_documents:feed_new_atom"),
            ),
            ("application/rss+xml", "Văn bản mới (RSS)", reverse("legal_documents:feed_new_rss")),
        ],
        "latest_legal_documents": [
            HomeItem(
                title=document.display_name,
                url=document.url,
                date=document.issued_on,
                meta=document.document_type.name if document.document_type_id else "",
            )
            for document in documents
        ],
    }
