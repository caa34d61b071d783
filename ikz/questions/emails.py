"""Mails of „Kommunen fragen Kommunen“, through the outbox (ikz.core.mail, decision 0009)."""

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse

from ikz.core.mail import mail_queue

UNFOLLOW_SALT = "ikz.questions.unfollow"


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def unfollow_token(follow) -> str:
    return signing.dumps({"f": follow.pk, "u": follow.user_id}, salt=UNFOLLOW_SALT)


def unfollow_token_read(token: str) -> dict | None:
    if not token or len(token) > 300:
        return None
    try:
        return signing.loads(token, salt=UNFOLLOW_SALT)
    except signing.BadSignature:
        return None


def _name(user) -> str:
    return (user.get_full_name() or "Ein Mitglied") if user else "Ein Mitglied"


def answer_notify(*, answer) -> int:
    """One mail per follower who may still read the thread, never to the answer's author."""
    from .models import Follow
    from .permissions import may_read

    question = answer.question
    follows = (
        Follow.objects.filter(question=question, user__is_active=True, user__email_confirmed_at__isnull=False)
        .exclude(user_id=answer.author_id)
        .select_related("user")
    )
    sent = 0
    for follow in follows:
        if not may_read(follow.user, question):
            continue
        context = {
            "question": question,
            "answer": answer,
            "author": _name(answer.author),
            "municipality": answer.municipality.display_name if answer.municipality_id else "",
            "question_url": absolute_url(question.get_absolute_url()) + f"#antwort-{answer.pk}",
            "unfollow_url": absolute_url(
                reverse("questions:unfollow_link", kwargs={"token": unfollow_token(follow)})
            ),
            "portal_url": absolute_url("/"),
        }
        subject = f"Neue Antwort auf „{question.title}“ – IKZ-Portal NRW"
        context["subject"] = subject
        mail_queue(
            purpose="questions.answer",
            subject=subject,
            to=[follow.user.email],
            text_body=render_to_string("questions/emails/answer.txt", context),
            html_body=render_to_string("questions/emails/answer.html", context),
        )
        sent += 1
    return sent


def report_notice(*, report) -> None:
    """Tell the Redaktion; the mail names the post and links the admin, not the reporter's address."""
    target = report.answer.body if report.answer_id else report.question.body or report.question.title
    context = {
        "report": report,
        "question": report.question,
        "target": report.target_label,
        "excerpt": target[:500],
        "reporter": _name(report.reporter),
        "admin_url": absolute_url(reverse("questions_question:edit", args=[report.question_id])),
        "reports_url": absolute_url(reverse("questions_report:index")),
        "portal_url": absolute_url("/"),
    }
    subject = f"Meldung zu einem Beitrag: „{report.question.title}“ – Kommunen fragen Kommunen"
    context["subject"] = subject
    mail_queue(
        purpose="questions.report",
        subject=subject,
        to=[settings.IKZ_EDITORIAL_EMAIL],
        text_body=render_to_string("questions/emails/report.txt", context),
        html_body=render_to_string("questions/emails/report.html", context),
    )
