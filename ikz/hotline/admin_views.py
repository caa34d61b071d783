"""The Redaktion's inbox: one inquiry with its thread, status, assignment, notes and answer."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button

from ikz.core.widgets import PlainTextarea

from . import services
from .models import Inquiry, InquiryStatus


def editors():
    return get_user_model().objects.filter(is_active=True, is_staff=True).order_by("last_name", "first_name")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=InquiryStatus.choices)
    assigned_to = forms.ModelChoiceField(label="Zuständig", queryset=editors(), required=False)


class AnswerForm(forms.Form):
    body = forms.CharField(
        label="Antwort an die anfragende Person",
        max_length=20_000,
        widget=PlainTextarea(attrs={"rows": 10}),
        help_text=(
            "Wird per E-Mail gesendet und im Verlauf gespeichert. Anrede und Grußformel ergänzt das Portal, "
            "wenn Ihr Text keine eigene hat."
        ),
    )


class NoteForm(forms.Form):
    body = forms.CharField(label="Interne Notiz", max_length=5_000, widget=PlainTextarea(attrs={"rows": 3}))


class InquiryIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        return [Button("Bearbeiten", url=reverse(self.edit_url_name, args=[instance.pk]), icon_name="edit")]


class InquiryThreadView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Takes the place of the generic edit view: every change goes through the services."""

    model = Inquiry
    permission_required = "change"
    template_name = "hotline/admin/inquiry_thread.html"
    index_url_name = None
    edit_url_name = None
    header_icon = "mail"
    page_title = "Hotline-Anfrage"

    @cached_property
    def object(self) -> Inquiry:
        return get_object_or_404(
            Inquiry.objects.select_related("municipality", "assigned_to", "faq_page"), pk=self.kwargs["pk"]
        )

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": "Hotline-Anfragen"},
            {"url": "", "label": self.object.reference},
        ]

    def forms(self, data=None):
        action = data.get("action") if data else None
        inquiry = self.object
        return {
            "status_form": StatusForm(
                data if action == "update" else None,
                initial={"status": inquiry.status, "assigned_to": inquiry.assigned_to_id},
            ),
            "answer_form": AnswerForm(data if action == "answer" else None),
            "note_form": NoteForm(data if action == "note" else None),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        inquiry = self.object
        context.update(
            inquiry=inquiry,
            thread=inquiry.messages.select_related("author"),
            notes=inquiry.notes.select_related("author"),
            action_url=reverse(self.edit_url_name, args=[inquiry.pk]),
            attachment_url=reverse("hotline_inquiry:attachment", args=[inquiry.pk])
            if inquiry.attachment
            else "",
        )
        context.update(kwargs.get("forms") or self.forms())
        return context

    def post(self, request, *args, **kwargs):
        inquiry, user = self.object, request.user
        forms_ = self.forms(request.POST)
        action = request.POST.get("action")
        try:
            if action == "update" and forms_["status_form"].is_valid():
                data = forms_["status_form"].cleaned_data
                services.inquiry_update(
                    inquiry=inquiry, status=data["status"], assigned_to=data["assigned_to"], by=user
                )
                messages.success(request, "Status und Zuständigkeit gespeichert.")
            elif action == "answer" and forms_["answer_form"].is_valid():
                services.inquiry_answer(
                    inquiry=inquiry, body=forms_["answer_form"].cleaned_data["body"], by=user
                )
                messages.success(request, f"Antwort an {inquiry.email} gesendet.")
            elif action == "note" and forms_["note_form"].is_valid():
                services.inquiry_note_add(
                    inquiry=inquiry, body=forms_["note_form"].cleaned_data["body"], by=user
                )
                messages.success(request, "Notiz gespeichert.")
            elif action == "faq":
                page = services.inquiry_faq_draft(inquiry=inquiry, by=user)
                messages.success(
                    request,
                    "FAQ-Entwurf angelegt (nicht veröffentlicht). Bitte prüfen Sie ihn auf personenbezogene Daten.",
                    buttons=[
                        messages.button(
                            reverse("wagtailadmin_pages:edit", args=[page.pk]), "Entwurf bearbeiten"
                        )
                    ],
                )
            else:
                return self.render_to_response(self.get_context_data(forms=forms_))
        except (ValidationError, LookupError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect(self.edit_url_name, inquiry.pk)


def attachment_download(request, pk: int):
    if not request.user.has_perm("hotline.view_inquiry"):
        raise PermissionDenied
    inquiry = get_object_or_404(Inquiry, pk=pk)
    if not inquiry.attachment:
        raise Http404
    return FileResponse(inquiry.attachment.open("rb"), as_attachment=True, filename=inquiry.attachment_name)
