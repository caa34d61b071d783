"""The Redaktion's views of membership requests in the Wagtail admin."""

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import ListingButton

from ikz.core.widgets import PlainTextarea

from . import services
from .models import Membership


class MembershipDecisionForm(forms.Form):
    reason = forms.CharField(
        label="Begründung (freiwillig)",
        required=False,
        max_length=2000,
        widget=PlainTextarea(attrs={"rows": 4}),
        help_text="Wird der Person in der Mail mitgeteilt und auf ihrer Kontoseite angezeigt.",
    )


class MembershipIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        decide_url = reverse(self.edit_url_name, args=[instance.pk])
        label = (
            "Bestätigen oder ablehnen"
            if instance.is_pending
            else "Ansehen oder beenden"
            if instance.is_confirmed
            else "Ansehen"
        )
        return [
            ListingButton(
                label, url=decide_url, icon_name="check" if instance.is_pending else "view", priority=5
            )
        ]


class MembershipDecideView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Shows one membership; the Redaktion confirms or rejects a request, or ends a confirmed
    membership, each with an optional reason.

    Takes the place of the generic edit view: a membership changes only through the services.
    """

    model = Membership
    permission_required = "change"

    def get_form_class(self):
        # Not the `form_class` attribute: the viewset would replace it with its model form.
        return MembershipDecisionForm

    template_name = "accounts/admin/membership_decide.html"
    index_url_name = None
    edit_url_name = None
    header_icon = "group"
    page_title = "Mitgliedschaft"

    @cached_property
    def object(self) -> Membership:
        return get_object_or_404(
            Membership.objects.select_related("user", "municipality", "decided_by"), pk=self.kwargs["pk"]
        )

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": "Mitgliedschaften"},
            {"url": "", "label": str(self.object)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["membership"] = self.object
        context["other_memberships"] = (
            Membership.objects.filter(user=self.object.user)
            .exclude(pk=self.object.pk)
            .select_related("municipality")
        )
        context["action_url"] = reverse(self.edit_url_name, args=[self.object.pk])
        return context

    def form_valid(self, form):
        action = self.request.POST.get("action")
        reason = form.cleaned_data["reason"]
        actions = {
            "confirm": (services.membership_confirm, "Mitgliedschaft bestätigt"),
            "reject": (services.membership_reject, "Antrag abgelehnt"),
            "end": (services.membership_end, "Mitgliedschaft beendet"),
        }
        if action not in actions:
            form.add_error(None, "Bitte wählen Sie eine der Schaltflächen.")
            return self.form_invalid(form)
        service, done = actions[action]
        try:
            membership = service(membership=self.object, by=self.request.user, reason=reason)
        except ValidationError as exc:
            messages.error(self.request, " ".join(exc.messages))
            return redirect(self.index_url_name)
        messages.success(self.request, f"{done}: {membership}. Die Person wurde benachrichtigt.")
        return redirect(self.index_url_name)
