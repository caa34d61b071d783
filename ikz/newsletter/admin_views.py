"""Admin views of an edition: pull in what is new, preview, send and watch the progress."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin import messages

from . import services
from .models import Dispatch, NewsletterEditionPage
from .selectors import dispatch_progress, previous_edition_date


def _edition(request, page_id: int) -> NewsletterEditionPage:
    edition = get_object_or_404(NewsletterEditionPage, pk=page_id)
    if not edition.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return edition


def edition_pull(request, page_id: int):
    edition = _edition(request, page_id)
    if request.method == "POST":
        count = services.edition_pull_recent(edition=edition, user=request.user)
        if count:
            messages.success(
                request, f"{count} neue Beiträge als Entwurf übernommen. Bitte prüfen und veröffentlichen."
            )
        else:
            messages.info(request, "Seit der letzten Ausgabe wurde nichts Neues veröffentlicht.")
        return redirect("wagtailadmin_pages:edit", edition.pk)
    candidates = services.news_since(edition=edition.get_latest_revision_as_object())
    return TemplateResponse(
        request,
        "newsletter/admin/edition_pull.html",
        {"edition": edition, "candidates": candidates, "since": previous_edition_date(edition=edition)},
    )


def edition_dispatch(request, page_id: int):
    edition = _edition(request, page_id)
    if request.method == "POST":
        if not request.user.has_perm("newsletter.send_edition"):
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "send":
                services.edition_send(edition=edition, user=request.user)
                messages.success(request, "Der Versand läuft im Hintergrund.")
            elif action == "resume":
                services.edition_resume(edition=edition)
                messages.success(request, "Der Versand wird fortgesetzt.")
            elif action == "retry":
                count = services.deliveries_retry_failed(edition=edition)
                messages.success(request, f"{count} fehlgeschlagene Zustellungen werden erneut versucht.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("newsletter_edition_dispatch", edition.pk)
    dispatch = Dispatch.objects.filter(edition=edition).first()
    progress = dispatch_progress(edition=edition)
    from .selectors import recipients_for

    return TemplateResponse(
        request,
        "newsletter/admin/edition_dispatch.html",
        {
            "edition": edition,
            "dispatch": dispatch,
            "progress": progress,
            "running": bool(dispatch and not dispatch.finished_at),
            "recipient_count": recipients_for(edition=edition).count(),
            "can_send": request.user.has_perm("newsletter.send_edition"),
            "preview_html": reverse("newsletter_edition_preview", args=[edition.pk, "mail_html"]),
            "preview_text": reverse("newsletter_edition_preview", args=[edition.pk, "mail_text"]),
        },
    )


def edition_preview(request, page_id: int, mode: str):
    """The mail of the latest revision (draft included), as HTML or as plain text."""
    edition = _edition(request, page_id)
    return edition.get_latest_revision_as_object().serve_preview(request, mode)
