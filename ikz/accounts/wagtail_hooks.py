from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import MembershipDecideView, MembershipIndexView
from .models import Membership
from .selectors import memberships_pending_count


class MembershipViewSet(ModelViewSet):
    model = Membership
    name = "membership"
    url_prefix = "mitgliedschaften"
    icon = "group"
    menu_label = "Mitgliedschaften"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = MembershipIndexView
    edit_view_class = MembershipDecideView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["user", "municipality", "status", "created_at", "decided_at", "decided_by"]
    list_filter = ["status"]
    inspect_view_fields = [
        "user",
        "municipality",
        "status",
        "note",
        "created_at",
        "decided_at",
        "decided_by",
        "reason",
        "ended_at",
        "ended_by",
        "end_reason",
    ]
    # Memberships are created by people and decided through the services, never typed in.
    form_fields = ["note"]

    @cached_property
    def menu_item_class(self):
        base = super().menu_item_class

        class PendingCountMenuItem(base):
            def render_component(self, request):
                component = super().render_component(request)
                if count := memberships_pending_count():
                    component.label = f"{self.label} ({count} offen)"
                return component

        return PendingCountMenuItem


@hooks.register("register_admin_viewset")
def register_membership_viewset():
    return MembershipViewSet()
