"""The admin edit form of a legal document: checks that need the page and its inlines at once."""

from home.forms import PortalPageForm

SELF_RELATION = "Một văn bản không thể có quan hệ với chính nó."


class LegalDocumentPageForm(PortalPageForm):
    def is_valid(self):
        valid = super().is_valid()
        if not self.instance.pk:
            return valid  # a new page cannot be chosen as its own target yet
        for formset_name, field_name in (("relations", "target"), ("events", "cause")):
            formset = self.formsets.get(formset_name)
            if formset is None:
                continue
            for form in formset.forms:
                data = getattr(form, "cleaned_data", None) or {}
                chosen = data.get(field_name)
                if chosen is not None and not data.get("DELETE") and chosen.pk == self.instance.pk:
                    form.add_error(field_name, SELF_RELATION)
                    valid = False
        return valid
