"""Background work of the newsletter: the opt-in mail and the sending of an edition."""

from django_tasks import task


@task()
def confirmation_send(*, subscription_id: int) -> int:
    """Render the opt-in mail and hand it to the outbox (ikz.core.mail), which retries it if need be."""
    from ikz.core.mail import mail_queue

    from .models import Subscription, SubscriptionStatus
    from .services import confirmation_message_for

    subscription = Subscription.objects.filter(pk=subscription_id, status=SubscriptionStatus.PENDING).first()
    if subscription is None:
        return 0
    message = confirmation_message_for(subscription=subscription)
    mail = mail_queue(
        purpose="newsletter.confirm", to=message.to, subject=message.subject, text_body=message.body
    )
    return 1 if mail else 0


@task()
def edition_deliver(*, edition_id: int) -> dict:
    from .sending import dispatch_run

    return dispatch_run(edition_id=edition_id)
