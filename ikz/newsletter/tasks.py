"""Background work of the newsletter: the opt-in mail and the sending of an edition."""

from django.core.mail import get_connection
from django_tasks import task


@task()
def confirmation_send(*, subscription_id: int) -> int:
    from .models import Subscription, SubscriptionStatus
    from .services import confirmation_message_for

    subscription = Subscription.objects.filter(pk=subscription_id, status=SubscriptionStatus.PENDING).first()
    if subscription is None:
        return 0
    return get_connection().send_messages([confirmation_message_for(subscription=subscription)])


@task()
def edition_deliver(*, edition_id: int) -> dict:
    from .sending import dispatch_run

    return dispatch_run(edition_id=edition_id)
