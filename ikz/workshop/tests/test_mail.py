"""The invitation goes through the real database queue and the outbox; its link is not kept at rest."""

import json
import re

import pytest
from django.core import serializers
from django_tasks_db.models import DBTaskResult

from ikz.core.outbox import MailStatus, OutgoingMail
from ikz.core.tests.test_mail import DB_TASKS, worker_pass


@pytest.mark.django_db(transaction=True)
def test_the_invitation_link_stays_only_in_the_mailbox(settings, smtp_server, client, workshop_factory):
    from django.urls import reverse

    settings.TASKS = DB_TASKS
    workshop = workshop_factory(title="Gemeinsamer Bauhof")
    lead = workshop.members.get().user
    client.force_login(lead)
    response = client.post(reverse("workshop:invite", args=[workshop.key]),
                           {"email": "kollegin@lindlar.nrw.example", "role": "mitwirkend"})  # fmt: skip
    assert response.status_code == 302
    assert not smtp_server.messages  # queued, not sent in the request
    worker_pass()
    mail = smtp_server.wait_for(1)[0]
    assert OutgoingMail.objects.get().purpose == "workshop.invitation"
    assert OutgoingMail.objects.get().status == MailStatus.SENT
    link = re.search(r"/werkstatt/einladung/[\w-]+/", smtp_server.body(mail)).group(0)
    at_rest = json.dumps(
        [[row.args_kwargs, row.return_value] for row in DBTaskResult.objects.all()], ensure_ascii=False
    ) + serializers.serialize("json", OutgoingMail.objects.all())
    assert link not in at_rest
    stored = OutgoingMail.objects.get()
    assert (stored.text_body, stored.html_body) == ("", "")  # the bodies are wiped after delivery
    assert "nur einmal und nur für diese E-Mail-Adresse" in smtp_server.body(mail)
