"""The FAQ entry's way back to the thread it was taken from – in the admin only.

A FAQ draft taken over from „Kommunen fragen Kommunen“ (services.question_faq_draft) knows its
thread through Question.faq_page. The editing view shows it as links (moderation and the
thread's page); the public FAQ page never shows it: where an entry came from is a remark for
the Redaktion, not part of the answer.
"""

from wagtail.admin.panels import Panel


class SourceQuestionPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "questions/admin/faq_source_panel.html"

        def _questions(self):
            from .models import Question

            if not getattr(self.instance, "pk", None):
                return []
            if not hasattr(self, "_cached"):
                self._cached = list(Question.objects.filter(faq_page_id=self.instance.pk).order_by("pk"))
            return self._cached

        def is_shown(self):
            return bool(self._questions()) and super().is_shown()

        def get_context_data(self, parent_context=None):
            from django.conf import settings

            context = super().get_context_data(parent_context)
            base = settings.PORTAL_BASE_URL.rstrip("/")
            context["questions"] = [
                (question, base + question.get_absolute_url()) for question in self._questions()
            ]
            return context
