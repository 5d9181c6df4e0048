"""The shape every named vocabulary of the admin shares (fields, agencies, news categories,
finding categories, document types...): found by its name in the admin, shown by its name,
its slug made from the name when the editor leaves it empty.

Subclasses declare `name` and `slug` themselves, with their own labels and lengths, and
name the slug of a name that folds to nothing (`slug_fallback`).
"""

from django.db import models
from wagtail.search import index

from home.admin_search import AdminSearchable
from search.text import slug_for


class NamedVocabulary(AdminSearchable, index.Indexed, models.Model):
    slug_fallback = "muc"

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        *AdminSearchable.admin_search_fields,
    ]

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            max_length = self._meta.get_field("slug").max_length
            self.slug = slug_for(self.name, self.slug_fallback, max_length)
        super().save(*args, **kwargs)
