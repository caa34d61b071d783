"""Mails of the projects app: rendered here, sent through the outbox (ikz.core.mail)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from ikz.accounts.emails import absolute_url
from ikz.core.mail import mail_queue


def mail_enqueue(*, template: str, subject: str, to: list[str], context: dict, reply_to: str = "") -> None:
    """Render projects/emails/<template>.txt and queue it once the transaction has committed."""
    # Titles come from members (and from the admin, where a line break can slip in); a line break
    # in a subject makes Django refuse the whole mail, so fold it into one line.
    subject = " ".join(subject.split())
    context = {"portal_url": absolute_url("/"), "subject": subject, **context}
    text = render_to_string(f"projects/emails/{template}.txt", context)
    mail_queue(purpose=f"projects.{template}", subject=subject, to=to, text_body=text, reply_to=reply_to)


def _submitter_address(project) -> str:
    person = project.submitted_by or project.created_by
    return person.email if person else ""


def project_submitted_notify(*, project) -> None:
    mail_enqueue(
        template="project_submitted",
        subject=f"Neues Kooperationsprojekt zur Prüfung: {project.title}",
        to=[settings.IKZ_EDITORIAL_EMAIL],
        context={"project": project, "queue_url": absolute_url(reverse("projects_moderation:queue"))},
    )


def project_decided_notify(*, project, approved: bool, comment: str) -> None:
    mail_enqueue(
        template="project_decided",
        subject=(
            f"Ihr Kooperationsprojekt ist veröffentlicht: {project.title}"
            if approved
            else f"Ihr Kooperationsprojekt wurde zur Überarbeitung zurückgegeben: {project.title}"
        ),
        to=[_submitter_address(project)],
        context={
            "project": project,
            "approved": approved,
            "comment": comment,
            "project_url": absolute_url(project.get_absolute_url()),
            "edit_url": absolute_url(reverse("projects:edit", args=[project.pk])),
        },
    )


def project_reminder_send(*, project, to: list[str], confirm_url: str) -> None:
    mail_enqueue(
        template="project_reminder",
        subject=f"Ist Ihr Kooperationsprojekt noch aktuell? {project.title}",
        to=to,
        context={
            "project": project,
            "confirm_url": confirm_url,
            "project_url": absolute_url(project.get_absolute_url()),
            "edit_url": absolute_url(reverse("projects:edit", args=[project.pk])),
        },
    )


def partner_answer_notify(*, answer) -> None:
    request = answer.request
    mail_enqueue(
        template="partner_answer",
        subject=f"Antwort auf Ihre Partnersuche: {request.title}",
        to=[request.created_by.email],
        context={"answer": answer, "request": request},
        reply_to=answer.created_by.email,
    )
