"""Files enter the official collection when a reviewer publishes the page that uses them.

Editors upload into the private collection "Tệp chờ duyệt" (see `home.roles`), where they
may still replace or delete their own files. When a page goes live, every image and document
it references that still waits there moves to "Tệp chính thức"; from then on only reviewers
and site administrators may change or delete it, so a published file never changes unreviewed.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, ReferenceIndex

from home.roles import OFFICIAL_COLLECTION, UPLOADS_COLLECTION


def referenced_files(page) -> dict[type, set[str]]:
    """The image and document ids that `page` (fields, StreamFields, inline children) uses."""
    file_models = {get_image_model(), get_document_model()}
    by_content_type = {ContentType.objects.get_for_model(m).pk: m for m in file_models}
    found: dict[type, set[str]] = {m: set() for m in file_models}
    # Wagtail's own reference extraction, the one behind its "usage" listings; called directly
    # because the reference index itself may be updated later, by a background task.
    for content_type_id, object_id, *_ in ReferenceIndex._extract_references_from_object(page):
        model = by_content_type.get(content_type_id)
        if model is not None:
            found[model].add(object_id)
    return found


def promote_files_of(page) -> int:
    """Move the files `page` uses from the uploads collection to the official one."""
    root = Collection.get_first_root_node()
    uploads = root.get_children().filter(name=UPLOADS_COLLECTION).first()
    official = root.get_children().filter(name=OFFICIAL_COLLECTION).first()
    if uploads is None or official is None:
        return 0
    moved = 0
    for model, ids in referenced_files(page).items():
        if ids:
            moved += model.objects.filter(pk__in=ids, collection=uploads).update(
                collection=official
            )
    return moved


def on_page_published(sender, instance, **kwargs):
    promote_files_of(instance.specific)
