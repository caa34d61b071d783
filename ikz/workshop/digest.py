"""E-mail about a Werkstatt's activity, as each member chose: at once, once a day, or none.

- *At once*: every new entry of the activity list (written by any part of the Werkstatt) is
  mailed after the commit, through the outbox (decision 0009), to the members who chose it –
  never to the person who did it.
- *Daily*: `digest_send()` (management command `workshop_digest`, daily per cron) mails each
  member who chose it the entries since their last digest, except their own. The covered period
  is stored per member in the same transaction as the queued mail, so a second run – or a run
  after a crash – never mails the same entry twice.
- Every mail carries a link that switches these mails off for this Werkstatt (signed, no login).
"""

import logging

from django.core import signing
from django.db import transaction
from django.db.models.signals import post_save
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ikz.core.mail import mail_queue

from .emails import absolute_url
from .models import Activity, WorkshopMember
from .models_plan import NotificationSetting, NotifyMode

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "ikz.workshop.notifications"
DIGEST_MAX_ENTRIES = 200


def unsubscribe_token(member: WorkshopMember) -> str:
    return signing.dumps({"m": member.pk, "u": member.user_id}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_member(token: str) -> WorkshopMember | None:
    """The membership a link names, if it (still) exists; None for a forged or stale link."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return (
        WorkshopMember.objects.select_related("workshop", "user")
        .filter(pk=data.get("m"), user_id=data.get("u"))
        .first()
    )


def unsubscribe_url(member: WorkshopMember) -> str:
    return absolute_url(reverse("workshop:unsubscribe", kwargs={"token": unsubscribe_token(member)}))


def setting_of(member: WorkshopMember) -> NotificationSetting | None:
    return NotificationSetting.objects.filter(member=member).first()


def mode_of(member: WorkshopMember) -> str:
    setting = setting_of(member)
    return setting.mode if setting else NotifyMode.NONE


@transaction.atomic
def mode_set(*, member: WorkshopMember, mode: str, now=None) -> NotificationSetting:
    """Choose the mails for one Werkstatt. Switching to the digest starts it now (no old entries)."""
    now = now or timezone.now()
    setting, _created = NotificationSetting.objects.select_for_update().get_or_create(
        member=member, defaults={"mode": mode, "digest_until": now, "changed_at": now}
    )
    if setting.mode != mode:
        if mode == NotifyMode.DAILY:
            setting.digest_until = now
        setting.mode = mode
        setting.changed_at = now
        setting.save(update_fields=["mode", "digest_until", "changed_at"])
    return setting


def _context(member: WorkshopMember, activities: list[Activity]) -> dict:
    workshop = member.workshop
    return {
        "workshop": workshop,
        "member": member,
        "activities": activities,
        "workshop_url": absolute_url(reverse("workshop:detail", kwargs={"key": workshop.key})),
        "settings_url": absolute_url(reverse("workshop:notifications", kwargs={"key": workshop.key})),
        "unsubscribe_url": unsubscribe_url(member),
    }


def _send(*, member: WorkshopMember, activities: list[Activity], purpose: str, subject: str) -> None:
    context = {**_context(member, activities), "subject": subject}
    mail_queue(
        purpose=purpose,
        subject=subject,
        to=[member.user.email],
        text_body=render_to_string("workshop/emails/activity.txt", context),
        html_body=render_to_string("workshop/emails/activity.html", context),
    )


def _may_receive(member: WorkshopMember) -> bool:
    from .permissions import may_take_part

    return may_take_part(member.user)


def _send_at_once(activity_id: int) -> None:
    activity = Activity.objects.select_related("workshop", "actor").filter(pk=activity_id).first()
    if activity is None:
        return
    members = (
        WorkshopMember.objects.select_related("user", "workshop")
        .filter(workshop_id=activity.workshop_id, notification__mode=NotifyMode.NOW)
        .exclude(user_id=activity.actor_id)
    )
    subject = f"Werkstatt „{activity.workshop.title}“: {activity.summary}"[:300]
    for member in members:
        if _may_receive(member):
            _send(member=member, activities=[activity], purpose="workshop.activity", subject=subject)


def _activity_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        activity_id = instance.pk
        transaction.on_commit(lambda: _send_at_once(activity_id))


def connect() -> None:
    post_save.connect(_activity_saved, sender=Activity, dispatch_uid="ikz.workshop.digest.at_once")


def digest_send(*, now=None) -> int:
    """Mail each member who chose the daily digest what happened since their last one; returns the
    number of mails. Idempotent: the period covered is stored with the queued mail."""
    now = now or timezone.now()
    sent = 0
    ids = list(
        NotificationSetting.objects.filter(mode=NotifyMode.DAILY, digest_until__lt=now).values_list(
            "pk", flat=True
        )
    )
    for pk in ids:
        with transaction.atomic():
            setting = (
                NotificationSetting.objects.select_for_update(of=("self",))
                .select_related("member__workshop", "member__user")
                .filter(pk=pk, mode=NotifyMode.DAILY, digest_until__lt=now)
                .first()
            )
            if setting is None:
                continue  # changed meanwhile, or another run took it
            member = setting.member
            activities = list(
                Activity.objects.filter(workshop=member.workshop, at__gt=setting.digest_until, at__lte=now)
                .exclude(actor_id=member.user_id)
                .select_related("actor")
                .order_by("at", "pk")[:DIGEST_MAX_ENTRIES]
            )
            setting.digest_until = now
            setting.save(update_fields=["digest_until"])
            if not activities or not _may_receive(member):
                continue
            count = len(activities)
            subject = (
                f"Werkstatt „{member.workshop.title}“: {count} "
                f"{'Änderung' if count == 1 else 'Änderungen'} seit der letzten Zusammenfassung"
            )
            _send(member=member, activities=activities, purpose="workshop.digest", subject=subject)
            sent += 1
    return sent
