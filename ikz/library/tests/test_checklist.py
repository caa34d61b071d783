import pytest

from ikz.library.models import ChecklistRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(member_factory, municipality_factory):
    home = municipality_factory("05374016")
    other = municipality_factory("05111000")
    return {
        "owner": member_factory(municipality=home, email="eigen@kommune.nrw.example"),
        "colleague": member_factory(municipality=home, email="kollegin@kommune.nrw.example"),
        "stranger": member_factory(municipality=other, email="fremd@kommune.nrw.example"),
        "home": home,
    }


def _run_url(checklist, run):
    return checklist.url + checklist.reverse_subpage("run_view", kwargs={"run_id": run.pk})


def _start(client, checklist, user):
    client.force_login(user)
    response = client.post(checklist.url, {"title": "Bauhof Nord"})
    assert response.status_code == 302
    return ChecklistRun.objects.get(owner=user)


def test_owner_saves_ticks_and_notes(client, library_checklist, people):
    run = _start(client, library_checklist, people["owner"])
    steps = list(library_checklist.steps.all())
    url = _run_url(library_checklist, run)
    response = client.post(url, {"done": [steps[0].pk, steps[2].pk], f"note-{steps[0].pk}": "Rat am 12.3."})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert f'id="done-{steps[0].pk}" checked' in page and f'id="done-{steps[1].pk}" checked' not in page
    assert "Rat am 12.3." in page and "2 von 8 Schritten erledigt" in page


def test_sharing_with_colleagues_of_same_koerperschaft(client, library_checklist, people):
    run = _start(client, library_checklist, people["owner"])
    url = _run_url(library_checklist, run)
    client.force_login(people["colleague"])
    assert client.get(url).status_code == 403  # not shared yet
    client.force_login(people["owner"])
    client.post(url, {"action": "share", "municipality": people["home"].pk})
    client.force_login(people["colleague"])
    assert client.get(url).status_code == 200
    step = library_checklist.steps.first()
    assert client.post(url, {"done": [step.pk]}).status_code == 302
    assert run.states.get(step=step).done
    assert "Bauhof Nord" in client.get(library_checklist.url).content.decode()  # listed for colleague
    client.force_login(people["stranger"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"done": []}).status_code == 403
    assert run.states.get(step=step).done


def test_owner_cannot_share_with_foreign_koerperschaft(
    client, library_checklist, people, municipality_factory
):
    run = _start(client, library_checklist, people["owner"])
    foreign = municipality_factory("05111000")
    assert (
        client.post(
            _run_url(library_checklist, run), {"action": "share", "municipality": foreign.pk}
        ).status_code
        == 403
    )


def test_anonymous_can_view_and_download_pdf_but_not_save(client, library_checklist, people):
    assert client.get(library_checklist.url).status_code == 200
    pdf = client.get(library_checklist.url + "pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-") and "attachment" in pdf["Content-Disposition"]
    run = _start(client, library_checklist, people["owner"])
    client.logout()
    response = client.post(_run_url(library_checklist, run), {"done": []})
    assert response.status_code == 302 and "?next=" in response["Location"]
    assert client.post(library_checklist.url, {"title": "x"}).status_code == 302
    assert ChecklistRun.objects.count() == 1
    assert client.get(library_checklist.url + f"pdf/?lauf={run.pk}").status_code == 403


def test_pdf_of_run_contains_state(client, library_checklist, people):
    import io

    from pypdf import PdfReader

    run = _start(client, library_checklist, people["owner"])
    step = library_checklist.steps.first()
    client.post(_run_url(library_checklist, run), {"done": [step.pk], f"note-{step.pk}": "Notiz für das PDF"})
    pdf = client.get(library_checklist.url + f"pdf/?lauf={run.pk}")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "[x] 1. Delegation oder Mandat festlegen" in text and "Notiz für das PDF" in text
