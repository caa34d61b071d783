from django.urls import path
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import InquiryIndexView, InquiryThreadView, attachment_download
from .models import Inquiry


class InquiryViewSet(ModelViewSet):
    model = Inquiry
    name = "hotline_inquiry"
    url_prefix = "hotline"
    icon = "mail"
    menu_label = "Hotline-Anfragen"
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = InquiryIndexView
    edit_view_class = InquiryThreadView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["reference", "subject", "status", "assigned_to", "created_at", "is_overdue"]
    list_filter = ["status", "assigned_to"]
    search_fields = ["reference", "subject", "name", "email"]
    form_fields = ["status"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("<int:pk>/anhang/", attachment_download, name="attachment")]

    @cached_property
    def menu_item_class(self):
        base = super().menu_item_class

        class OpenCountMenuItem(base):
            def render_component(self, request):
                component = super().render_component(request)
                if count := Inquiry.objects.open().count():
                    component.label = f"{self.label} ({count} offen)"
                return component

        return OpenCountMenuItem


@hooks.register("register_admin_viewset")
def register_inquiry_viewset():
    return InquiryViewSet()
