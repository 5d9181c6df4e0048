"""The admin form every page of the portal is edited with (BasePage.base_form_class)."""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from search.text import slug_for


class PortalPageForm(WagtailAdminPageForm):
    def clean_slug(self):
        """A page never published keeps no slug that Wagtail's script mangled from its
        Vietnamese title ("kt-qu-ci-cach" for "Kết quả cải cách"): it gets the title's ASCII
        slug, made unique under the parent. Autosave and every save go through this form, so
        the editor sees the corrected slug too."""
        from home.models import _stripped_form_of, short_slug

        slug = self.cleaned_data.get("slug", "")
        title = self.data.get("title", "")
        if self.instance.first_published_at or not slug or not title:
            return slug
        if not _stripped_form_of(slug_for(slug, ""), slug_for(title, "")):
            return slug
        base = candidate = short_slug(title)
        number = 2
        while self.parent_page and not Page._slug_is_available(
            candidate, self.parent_page, self.instance
        ):
            candidate = f"{base}-{number}"
            number += 1
        return candidate
