"""User management in the admin that keeps superusers out of the site administrators' reach.

Site administrators (`home.roles.SITE_ADMINISTRATORS`) add and edit editors' accounts, but
only a superuser may create a superuser, see one in the list, edit one (which includes setting
its password) or delete one. Installed through `home.apps.UsersConfig`, which replaces
Wagtail's own `wagtail.users` app config in INSTALLED_APPS.
"""

from django.core.exceptions import PermissionDenied
from wagtail.users.views import users


def _without_superuser_field(form_class):
    class Form(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields.pop("is_superuser", None)

    Form.__name__ = form_class.__name__
    return Form


class _GuardSuperusers:
    """For views of one user: only a superuser may touch a superuser or make one."""

    def dispatch(self, request, *args, **kwargs):
        target = getattr(self, "object", None)
        if not request.user.is_superuser and target is not None and target.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        form_class = super().get_form_class()
        if self.request.user.is_superuser:
            return form_class
        return _without_superuser_field(form_class)


class IndexView(users.IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if not self.request.user.is_superuser:
            queryset = queryset.filter(is_superuser=False)
        return queryset


class CreateView(_GuardSuperusers, users.CreateView):
    pass


class EditView(_GuardSuperusers, users.EditView):
    pass


class DeleteView(_GuardSuperusers, users.DeleteView):
    pass


class UserViewSet(users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
