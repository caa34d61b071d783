"""The Redaktion's moderation of one thread: hide, edit, lock, reports, FAQ draft in one step.

Takes the place of the generic edit view; every change goes through the services (which check
the permission `questions.change_question` again), edits through the three-way merge (decision 0011).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button

from . import services
from .forms import AnswerForm, QuestionEditForm
from .models import Answer, Question, Report
from .views import ANSWER_LABELS, QUESTION_LABELS, _base_value, _shown


class QuestionIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        return [Button("Moderieren", url=reverse(self.edit_url_name, args=[instance.pk]), icon_name="edit")]


class ReportIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        return [
            Button(
                "Beitrag ansehen",
                url=reverse("questions_question:edit", args=[instance.question_id]),
                icon_name="view",
            )
        ]


def _conflict_message(conflicts, labels) -> str:
    parts = [f"{labels[c.key]}: gespeichert ist „{_shown(c.key, c.theirs)}“" for c in conflicts]
    return (
        "Jemand hat inzwischen gespeichert; nichts wurde überschrieben. Ihre Fassung steht noch im Formular. "
        + "; ".join(parts)
        + ". Speichern Sie erneut, um Ihre Fassung zu behalten."
    )


class QuestionModerationView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    model = Question
    permission_required = "change"
    template_name = "questions/admin/moderation.html"
    index_url_name = None
    edit_url_name = None
    header_icon = "help"
    page_title = "Frage moderieren"

    @cached_property
    def object(self) -> Question:
        return get_object_or_404(
            Question.objects.select_related(
                "author", "municipality", "task_area", "faq_page", "helpful_answer"
            ),
            pk=self.kwargs["pk"],
        )

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": "Kommunen fragen Kommunen"},
            {"url": "", "label": self.object.title[:60]},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        question = self.object
        answers = list(question.answers.select_related("author", "municipality", "hidden_by"))
        answer_forms = kwargs.get("answer_forms") or {}
        for answer in answers:
            answer.form = answer_forms.get(answer.pk) or AnswerForm(
                prefix=f"a{answer.pk}", initial={"body": answer.body, "base_body": answer.body}
            )
        values = services.question_values(question)
        context.update(
            question=question,
            answers=answers,
            reports=question.reports.select_related("reporter", "answer", "handled_by"),
            question_form=kwargs.get("question_form")
            or QuestionEditForm(prefix="q", initial=QuestionEditForm.initial_for(values)),
            action_url=reverse(self.edit_url_name, args=[question.pk]),
            site_url=question.get_absolute_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        question, user = self.object, request.user
        action = request.POST.get("action", "")
        try:
            if action in ("hide", "unhide"):
                services.question_hide(question=question, by=user, hidden=action == "hide")
                messages.success(
                    request,
                    "Die Frage ist ausgeblendet: Niemand sieht sie mehr auf der Website oder in der Suche."
                    if action == "hide"
                    else "Die Frage ist wieder sichtbar.",
                )
            elif action in ("lock", "unlock"):
                services.question_lock(question=question, by=user, locked=action == "lock")
                messages.success(
                    request,
                    "Die Frage ist geschlossen: keine neuen Antworten."
                    if action == "lock"
                    else "Die Frage ist wieder offen.",
                )
            elif action == "edit_question":
                form = QuestionEditForm(request.POST, prefix="q")
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(question_form=form))
                outcome = services.question_save(
                    question=question, user=user, base=form.base(), mine=form.values()
                )
                if outcome.conflicts:
                    data = request.POST.copy()
                    for name, value in services.question_values(outcome.obj).items():
                        data[f"q-base_{name}"] = _base_value(name, value)
                    messages.error(request, _conflict_message(outcome.conflicts, QUESTION_LABELS))
                    return self.render_to_response(
                        self.get_context_data(question_form=QuestionEditForm(data, prefix="q"))
                    )
                messages.success(request, "Frage gespeichert." if outcome.saved else "Nichts geändert.")
            elif action.startswith("answer_"):
                return self._answer_action(request, action)
            elif action == "handle_report":
                report = get_object_or_404(Report, pk=request.POST.get("report") or 0, question=question)
                services.report_handle(report=report, by=user)
                messages.success(request, "Die Meldung ist als erledigt vermerkt.")
            elif action == "faq":
                page = services.question_faq_draft(question=question, by=user)
                messages.success(
                    request,
                    "FAQ-Entwurf angelegt (nicht veröffentlicht). Bitte prüfen Sie ihn und geben Sie ihn wie "
                    "jeden FAQ-Eintrag frei.",
                )
                return redirect("wagtailadmin_pages:edit", page.pk)
            else:
                messages.error(request, "Unbekannte Aktion.")
        except (ValidationError, LookupError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect(self.edit_url_name, question.pk)

    def _answer_action(self, request, action):
        question, user = self.object, request.user
        answer = get_object_or_404(Answer, pk=request.POST.get("answer") or 0, question=question)
        if action in ("answer_hide", "answer_unhide"):
            services.answer_hide(answer=answer, by=user, hidden=action == "answer_hide")
            messages.success(
                request,
                "Die Antwort ist ausgeblendet."
                if action == "answer_hide"
                else "Die Antwort ist wieder sichtbar.",
            )
        elif action == "answer_edit":
            prefix = f"a{answer.pk}"
            form = AnswerForm(request.POST, prefix=prefix)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(answer_forms={answer.pk: form}))
            try:
                outcome = services.answer_save(answer=answer, user=user, base=form.base(), mine=form.values())
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect(self.edit_url_name, question.pk)
            if outcome.conflicts:
                data = request.POST.copy()
                data[f"{prefix}-base_body"] = outcome.obj.body
                messages.error(request, _conflict_message(outcome.conflicts, ANSWER_LABELS))
                return self.render_to_response(
                    self.get_context_data(answer_forms={answer.pk: AnswerForm(data, prefix=prefix)})
                )
            messages.success(request, "Antwort gespeichert." if outcome.saved else "Nichts geändert.")
        else:
            raise PermissionDenied
        return redirect(self.edit_url_name, question.pk)


class ReportOpenView(PermissionCheckedMixin, TemplateView):
    """A report opens the thread it is about, where the Redaktion acts and marks it as handled."""

    model = Report
    permission_required = "change"
    index_url_name = None
    edit_url_name = None

    def get(self, request, *args, **kwargs):
        report = get_object_or_404(Report, pk=self.kwargs["pk"])
        return redirect(
            reverse("questions_question:edit", args=[report.question_id]) + f"#meldung-{report.pk}"
        )
