"""Wagtail hooks of the shared app: documents follow the privacy of the pages using them."""

from wagtail import hooks

from base.documents import refuse_unless_allowed

hooks.register("before_serve_document", refuse_unless_allowed)
