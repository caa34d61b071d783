"""The Redaktion's view of outgoing mail: the delivery log, undelivered mail, "erneut senden"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .mail import mail_resend
from .outbox import MailStatus, OutgoingMail

RESEND_PERMISSION = "core.resend_outgoingmail"


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Mail is written by the portal only: nobody adds, edits or deletes it in the admin."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


register_permission_policy(OutgoingMail, ReadOnlyPolicy(OutgoingMail), exact_class=True)


class OutgoingMailIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status != MailStatus.SENT and self.request.user.has_perm(RESEND_PERMISSION):
            buttons.append(
                MenuItem(
                    "Erneut senden",
                    url=reverse("outgoing_mail:resend", args=[instance.pk]),
                    icon_name="mail",
                    priority=5,
                )
            )
        return buttons


def mail_resend_view(request, pk: int):
    if not request.user.has_perm(RESEND_PERMISSION):
        raise PermissionDenied
    mail = get_object_or_404(OutgoingMail, pk=pk)
    index_url = reverse("outgoing_mail:index")
    if request.method == "POST":
        if mail_resend(mail=mail):
            messages.success(request, f"Die E-Mail „{mail.subject}“ wird erneut gesendet.")
        else:
            messages.error(
                request,
                "Diese E-Mail kann nicht erneut gesendet werden: Sie wurde bereits zugestellt, "
                "wird gerade gesendet oder ihr Inhalt ist nach Ablauf der Aufbewahrungsfrist gelöscht.",
            )
        return redirect(index_url)
    return TemplateResponse(
        request,
        "core/admin/mail_resend_confirm.html",
        {"mail": mail, "index_url": index_url, "page_title": "E-Mail erneut senden"},
    )


class OutgoingMailViewSet(ModelViewSet):
    model = OutgoingMail
    name = "outgoing_mail"
    url_prefix = "email-zustellung"
    icon = "mail"
    menu_label = "E-Mail-Zustellung"
    menu_order = 270
    add_to_admin_menu = True
    index_view_class = OutgoingMailIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    # The bodies stay out of sight: a password-reset link is for its addressee alone.
    inspect_view_fields = [
        "purpose_label",
        "recipients",
        "subject",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]
    list_display = ["subject", "recipients", "purpose_label", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "purpose"]
    form_fields = ["status"]

    def get_urlpatterns(self):
        from django.urls import path

        return super().get_urlpatterns() + [path("<int:pk>/erneut-senden/", mail_resend_view, name="resend")]

    @property
    def menu_item_class(self):
        base = super().menu_item_class

        class UndeliveredCountMenuItem(base):
            def render_component(self, request):
                component = super().render_component(request)
                if count := OutgoingMail.objects.failed().count():
                    component.label = f"{self.label} ({count} nicht zugestellt)"
                return component

        return UndeliveredCountMenuItem
