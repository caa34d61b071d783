"""Wagtail's user and group administration, limited so nobody grants more than they hold.

Administration manages accounts and groups, but an account it saves may afterwards hold no
grant (permission, page or collection right, superuser flag) that it did not hold before
unless the acting person holds it too – checked on the saved result, inside the transaction,
so every field and every permission panel is covered, including ones added later. Superuser
accounts are out of reach for everybody who is not a superuser.
"""

from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.users import forms as wagtail_forms
from wagtail.users.views import groups as wagtail_groups
from wagtail.users.views import users as wagtail_users

from .grants import grants_beyond, grants_label, group_grants, user_grants

REFUSED = (
    "Nicht gespeichert: Sie können keine Rechte vergeben, die Sie selbst nicht haben ({grants}). "
    "Bitte wenden Sie sich an eine Person mit diesen Rechten."
)
SUPERUSER_OUT_OF_REACH = "Konten mit allen Rechten (Administrator) kann nur ein Administrator ändern."


class _Refused(Exception):
    pass


class GrantLimitMixin:
    """Save in one transaction; undo and say why if the result grants more than the actor holds."""

    def grants_before(self) -> set:
        raise NotImplementedError

    def grants_after(self) -> set:
        raise NotImplementedError

    def saved_and_checked(self, save):
        actor = self.request.user
        if actor.is_superuser:
            return save()
        held, before = user_grants(actor), self.grants_before()
        try:
            with transaction.atomic():
                response = save()
                if response.status_code not in (301, 302):  # not saved: the form had errors
                    return response
                if excess := grants_beyond(held=held, before=before, after=self.grants_after()):
                    raise _Refused(excess)
        except _Refused as refused:
            for _message in messages.get_messages(self.request):
                pass  # the success message of the undone save
            self.produced_error_message = REFUSED.format(grants=grants_label(refused.args[0]))
            return self.refused()
        return response


class _NoSuperuserFieldMixin:
    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        if actor is None or not actor.is_superuser:
            self.fields.pop("is_superuser", None)


class UserCreationForm(_NoSuperuserFieldMixin, wagtail_forms.UserCreationForm):
    pass


class UserEditForm(_NoSuperuserFieldMixin, wagtail_forms.UserEditForm):
    pass


class _UserViewMixin(GrantLimitMixin):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def grants_after(self) -> set:
        return user_grants(self.object)

    def form_valid(self, form):
        return self.saved_and_checked(lambda: super(_UserViewMixin, self).form_valid(form))

    def refused(self):
        return self.form_invalid(self.form)


class UserCreateView(_UserViewMixin, wagtail_users.CreateView):
    def grants_before(self) -> set:
        return set()

    def refused(self):
        self.form.instance.pk = None
        self.form.instance._state.adding = True
        self.object = None
        return super().refused()


class UserEditView(_UserViewMixin, wagtail_users.EditView):
    def dispatch(self, request, *args, **kwargs):
        if self.object.is_superuser and not request.user.is_superuser:
            raise PermissionDenied(SUPERUSER_OUT_OF_REACH)
        return super().dispatch(request, *args, **kwargs)

    def grants_before(self) -> set:
        return user_grants(self.object)


class UserViewSet(wagtail_users.UserViewSet):
    add_view_class = UserCreateView
    edit_view_class = UserEditView

    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm


class _GroupViewMixin(GrantLimitMixin):
    def grants_after(self) -> set:
        return group_grants(self.object)

    def process_form(self):
        return self.saved_and_checked(super().process_form)

    def refused(self):
        return self.form_invalid(self.form)


class GroupCreateView(_GroupViewMixin, wagtail_groups.CreateView):
    def grants_before(self) -> set:
        return set()

    def refused(self):
        self.object = Group()
        self.form.instance.pk = None
        self.form.instance._state.adding = True
        return super().refused()


class GroupEditView(_GroupViewMixin, wagtail_groups.EditView):
    def grants_before(self) -> set:
        return group_grants(self.get_object())


class GroupViewSet(wagtail_groups.GroupViewSet):
    add_view_class = GroupCreateView
    edit_view_class = GroupEditView
