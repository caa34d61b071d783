"""The register in the Wagtail admin: read-only look-up for the Redaktion.

Edits happen only through `manage.py import_municipalities`, so the register stays identical
to its official sources; the permission policy refuses add, change and delete for everyone.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Municipality

READ_ACTIONS = {"view"}


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action not in READ_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in READ_ACTIONS])


register_permission_policy(Municipality, ReadOnlyPermissionPolicy(Municipality))


class MunicipalityViewSet(ModelViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Körperschaften")
    menu_order = 900
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["display_name", "ags", "type", "kreis", "regierungsbezirk", "population"]
    list_filter = ["level", "type", "regierungsbezirk"]
    search_fields = ["short_name", "name", "ags"]
    search_backend_name = None  # plain ORM search: icontains on name and AGS
    list_per_page = 50
    # Required by ModelViewSet; the policy above refuses every edit, so this form is never shown.
    form_fields = ["name"]
    inspect_view_fields = [
        "name", "short_name", "ags", "level", "type", "gv100_type_code", "kreis", "regierungsbezirk",
        "population", "area_km2", "plz", "lat", "lon", "verwaltungssitz",
    ]  # fmt: skip


municipality_viewset = MunicipalityViewSet("koerperschaften")


@hooks.register("register_admin_viewset")
def register_viewset():
    return municipality_viewset
