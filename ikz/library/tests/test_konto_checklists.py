"""/konto/: „Ihre Checklisten“ lists the person's runs, and is left out without any."""

from django.test import Client


def test_konto_lists_own_checklist_runs(library_checklist, member, public_user):
    from ikz.library.services import checklist_run_create

    run = checklist_run_create(checklist=library_checklist, user=member, title="Unser Bauhof-Fahrplan")
    client = Client()
    client.force_login(member)
    html = client.get("/konto/").content.decode()
    assert "Ihre Checklisten" in html and "Unser Bauhof-Fahrplan" in html
    assert f"/{run.pk}/" in html
    other = Client()
    other.force_login(public_user)
    assert "Ihre Checklisten" not in other.get("/konto/").content.decode()
