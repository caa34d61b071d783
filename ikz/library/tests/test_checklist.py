from html.parser import HTMLParser

import pytest

from ikz.library.models import ChecklistRun, ChecklistStepState

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(member_factory, municipality_factory):
    home = municipality_factory("05374016")
    other = municipality_factory("05111000")
    return {
        "owner": member_factory(
            municipality=home, email="eigen@kommune.nrw.example", first_name="Olga", last_name="Eigen"
        ),
        "colleague": member_factory(
            municipality=home, email="kollegin@kommune.nrw.example", first_name="Karla", last_name="Kollegin"
        ),
        "stranger": member_factory(municipality=other, email="fremd@kommune.nrw.example"),
        "home": home,
    }


class _RunForm(HTMLParser):
    """What a browser would post from the run page's autosave form (without JavaScript)."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "data-autosave" in attrs:
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and attrs.get("name"):
            if attrs.get("type") == "checkbox" and "checked" not in attrs:
                return
            self.fields.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields.append((attrs["name"], ""))

    def handle_data(self, data):
        if self._textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        if tag == "form":
            self._in_form = False


class RunPage:
    """One person's open run page: edit the fields as in the browser, then post them."""

    def __init__(self, client, url):
        self.client, self.url = client, url
        self.load()

    def load(self, html: str | None = None):
        parser = _RunForm()
        self.html = html if html is not None else self.client.get(self.url).content.decode()
        parser.feed(self.html)
        self.fields = parser.fields

    def _values(self, name):
        return [v for n, v in self.fields if n == name]

    def note(self, step) -> str:
        return self._values(f"note-{step.pk}")[0]

    def is_done(self, step) -> bool:
        return str(step.pk) in self._values("done")

    def tick(self, step, done=True):
        self.fields = [(n, v) for n, v in self.fields if not (n == "done" and v == str(step.pk))]
        if done:
            self.fields.append(("done", str(step.pk)))

    def write(self, step, text):
        self.fields = [(n, text if n == f"note-{step.pk}" else v) for n, v in self.fields]

    def data(self, **extra):
        data: dict[str, list[str]] = {}
        for name, value in self.fields:
            data.setdefault(name, []).append(value)
        for name, value in extra.items():
            data[name] = [value]
        return data

    def save(self, **extra):
        response = self.client.post(self.url, self.data(**extra))
        if response.status_code == 302:
            self.load()
        elif response.status_code == 200:
            self.load(response.content.decode())
        return response


def _run_url(checklist, run):
    return checklist.url + checklist.reverse_subpage("run_view", kwargs={"run_id": run.pk})


def _start(client, checklist, user):
    client.force_login(user)
    response = client.post(checklist.url, {"title": "Bauhof Nord"})
    assert response.status_code == 302
    return ChecklistRun.objects.get(owner=user)


def _shared_run(client, checklist, people):
    run = _start(client, checklist, people["owner"])
    client.post(_run_url(checklist, run), {"action": "share", "municipality": people["home"].pk})
    return run


def _state(run, step):
    return ChecklistStepState.objects.filter(run=run, step=step).first()


def test_owner_saves_ticks_and_notes(client, library_checklist, people):
    run = _start(client, library_checklist, people["owner"])
    steps = list(library_checklist.steps.all())
    url = _run_url(library_checklist, run)
    form = RunPage(client, url)
    form.tick(steps[0])
    form.tick(steps[2])
    form.write(steps[0], "Rat am 12.3.")
    assert form.save().status_code == 302
    page = client.get(url).content.decode()
    assert f'id="done-{steps[0].pk}" checked' in page and f'id="done-{steps[1].pk}" checked' not in page
    assert "Rat am 12.3." in page and "2</span> von 8 Schritten erledigt" in page
    assert "Zuletzt geändert von Olga Eigen am" in page
    assert _state(run, steps[0]).changed_by == people["owner"]
    assert _state(run, steps[1]) is None  # untouched steps get no row and no author


def test_save_unchanged_keeps_run_identical(client, library_checklist, people):
    run = _start(client, library_checklist, people["owner"])
    steps = list(library_checklist.steps.all())
    form = RunPage(client, _run_url(library_checklist, run))
    form.tick(steps[1])
    form.write(steps[1], "Zeile eins\nZeile zwei")
    form.save()
    before = list(run.states.values())
    version = ChecklistRun.objects.get(pk=run.pk).version
    form.fields = [(n, v.replace("\n", "\r\n")) for n, v in form.fields]  # as a browser posts
    assert form.save().status_code == 302
    assert list(run.states.values()) == before
    assert ChecklistRun.objects.get(pk=run.pk).version == version


def test_sharing_with_colleagues_of_same_koerperschaft(client, library_checklist, people):
    run = _start(client, library_checklist, people["owner"])
    url = _run_url(library_checklist, run)
    client.force_login(people["colleague"])
    assert client.get(url).status_code == 403  # not shared yet
    client.force_login(people["owner"])
    form = RunPage(client, url)
    client.post(url, {"action": "share", "municipality": people["home"].pk})
    client.force_login(people["colleague"])
    assert client.get(url).status_code == 200
    step = library_checklist.steps.first()
    form.tick(step)
    assert form.save().status_code == 302
    assert run.states.get(step=step).done and run.states.get(step=step).changed_by == people["colleague"]
    assert "Bauhof Nord" in client.get(library_checklist.url).content.decode()  # listed for colleague
    client.force_login(people["stranger"])
    assert client.get(url).status_code == 403
    form.tick(step, done=False)
    assert client.post(url, form.data()).status_code == 403
    assert run.states.get(step=step).done


def test_colleagues_changes_to_different_steps_are_merged(client, library_checklist, people):
    """A ticks step 1, B (with the page loaded before) writes a note on step 3: both are kept."""
    from django.test import Client

    run = _shared_run(client, library_checklist, people)
    url = _run_url(library_checklist, run)
    steps = list(library_checklist.steps.all())
    other = Client()
    other.force_login(people["colleague"])
    mine, theirs = RunPage(client, url), RunPage(other, url)

    mine.tick(steps[0])
    mine.write(steps[0], "Kämmerei fragen")
    assert mine.save().status_code == 302
    theirs.write(steps[2], "Entwurf liegt beim Rechtsamt")
    response = theirs.save()
    assert response.status_code == 302

    assert _state(run, steps[0]).done and _state(run, steps[0]).note == "Kämmerei fragen"
    assert _state(run, steps[2]).note == "Entwurf liegt beim Rechtsamt"
    assert _state(run, steps[2]).changed_by == people["colleague"]
    assert "Änderungen von Kolleginnen oder Kollegen wurden übernommen" in theirs.html
    assert theirs.is_done(steps[0]) and theirs.note(steps[0]) == "Kämmerei fragen"
    # ... and the first editor sees the colleague's note after her next save.
    assert mine.save().status_code == 302
    assert mine.note(steps[2]) == "Entwurf liegt beim Rechtsamt"
    assert ChecklistRun.objects.get(pk=run.pk).version == 3


def test_same_note_changed_differently_shows_conflict_and_keeps_stored_text(
    client, library_checklist, people
):
    from django.test import Client

    run = _shared_run(client, library_checklist, people)
    url = _run_url(library_checklist, run)
    step, ticked = list(library_checklist.steps.all())[1:3]
    other = Client()
    other.force_login(people["colleague"])
    mine, theirs = RunPage(client, url), RunPage(other, url)
    mine.write(step, "Frist: 30. Juni")
    mine.save()

    theirs.write(step, "Frist: 15. Juli")
    theirs.tick(ticked)
    response = theirs.save()
    page = response.content.decode()
    assert response.status_code == 200  # the conflict view, not a redirect
    assert "Gleichzeitig geändert:" in page and "Olga Eigen hat diese Notiz anders gespeichert" in page
    assert theirs.note(step) == "Frist: 15. Juli"  # the editor's own text stays in the field
    assert "Frist: 30. Juni" in page
    assert _state(run, step).note == "Frist: 30. Juni"  # nothing overwritten unseen
    assert _state(run, ticked).done  # the rest of the save went through

    # Saving again without a choice does not overwrite either.
    assert theirs.save().status_code == 200
    assert _state(run, step).note == "Frist: 30. Juni"

    assert theirs.save(**{f"resolve-{step.pk}": "mine"}).status_code == 302
    state = _state(run, step)
    assert state.note == "Frist: 15. Juli" and state.changed_by == people["colleague"]


def test_conflict_resolved_by_taking_the_stored_text(client, library_checklist, people):
    from django.test import Client

    run = _shared_run(client, library_checklist, people)
    url = _run_url(library_checklist, run)
    step = library_checklist.steps.first()
    other = Client()
    other.force_login(people["colleague"])
    mine, theirs = RunPage(client, url), RunPage(other, url)
    mine.write(step, "Variante A")
    mine.save()
    theirs.write(step, "Variante B")
    assert theirs.save().status_code == 200
    assert theirs.save(**{f"resolve-{step.pk}": "theirs"}).status_code == 302
    assert _state(run, step).note == "Variante A" and _state(run, step).changed_by == people["owner"]
    assert theirs.note(step) == "Variante A"


def test_choosing_mine_does_not_overwrite_a_text_saved_after_the_conflict_was_shown(
    client, library_checklist, people
):
    from django.test import Client

    run = _shared_run(client, library_checklist, people)
    url = _run_url(library_checklist, run)
    step = library_checklist.steps.first()
    other = Client()
    other.force_login(people["colleague"])
    mine, theirs = RunPage(client, url), RunPage(other, url)
    mine.write(step, "erste Fassung")
    mine.save()
    theirs.write(step, "meine Fassung")
    theirs.save()  # conflict shown with "erste Fassung"
    mine.write(step, "zweite Fassung")
    mine.save()
    assert theirs.save(**{f"resolve-{step.pk}": "mine"}).status_code == 200  # a new conflict
    assert _state(run, step).note == "zweite Fassung"


def test_autosave_answers_merged_state_as_json(client, library_checklist, people):
    from django.test import Client

    run = _shared_run(client, library_checklist, people)
    url = _run_url(library_checklist, run)
    first, second, third = list(library_checklist.steps.all())[:3]
    other = Client()
    other.force_login(people["colleague"])
    mine, theirs = RunPage(client, url), RunPage(other, url)
    mine.tick(first)
    mine.write(third, "Termin mit Kreis")
    mine.save()
    theirs.write(second, "Gebühren prüfen")
    theirs.write(third, "Termin im Mai")
    response = other.post(url, theirs.data(), headers={"X-Requested-With": "fetch"})
    assert response.status_code == 200
    data = response.json()
    steps = {s["id"]: s for s in data["steps"]}
    assert data["version"] == ChecklistRun.objects.get(pk=run.pk).version == 3
    assert steps[first.pk]["done"] and steps[first.pk]["changed_by"] == "Olga Eigen"
    assert (
        steps[second.pk]["note"] == "Gebühren prüfen" and steps[second.pk]["changed_by"] == "Karla Kollegin"
    )
    assert data["conflicts"] == [
        {"step": third.pk, "mine": "Termin im Mai", "theirs": "Termin mit Kreis", "theirs_by": "Olga Eigen"}
    ]
    assert steps[third.pk]["note"] == "Termin mit Kreis"
    assert data["done_count"] == 1 and "bitte wählen Sie" in data["message"]


def test_save_without_version_is_refused_not_guessed(client, library_checklist, people):
    run = _start(client, library_checklist, people["owner"])
    step = library_checklist.steps.first()
    url = _run_url(library_checklist, run)
    for version in ("", "²", "x"):
        response = client.post(url, {"done": [step.pk], "version": version, f"base-done-{step.pk}": ""})
        assert response.status_code == 400
    assert not run.states.exists()


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
    form = RunPage(client, _run_url(library_checklist, run))
    form.tick(step)
    form.write(step, "Notiz für das PDF")
    form.save()
    pdf = client.get(library_checklist.url + f"pdf/?lauf={run.pk}")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "[x] 1. Delegation oder Mandat festlegen" in text and "Notiz für das PDF" in text


def test_version_is_a_compare_and_swap(client, library_checklist, people):
    from ikz.core.concurrency import cas_bump

    run = _start(client, library_checklist, people["owner"])
    stale = ChecklistRun.objects.get(pk=run.pk)
    assert cas_bump(run) and run.version == 2
    assert not cas_bump(stale)  # read version 1, but version 2 is stored
    assert ChecklistRun.objects.get(pk=run.pk).version == 2


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_from_two_threads_both_survive(library_checklist, people):
    """Two requests read the same version at the same moment; locking and CAS keep both changes."""
    import threading

    from django.db import connection

    from ikz.library.services import checklist_run_create, checklist_run_save, run_snapshot

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        # Shared-cache memory databases answer "table is locked" at once instead of waiting; the
        # file database of a real installation waits (timeout 20 s, BEGIN IMMEDIATE).
        pytest.skip("needs a database that lets concurrent writers wait (PostgreSQL or SQLite file)")
    run = checklist_run_create(checklist=library_checklist, user=people["owner"])
    run.municipality = people["home"]
    run.save()
    steps = list(library_checklist.steps.all())
    base = run_snapshot(run)
    barrier = threading.Barrier(4)
    errors = []

    def save(user, index):
        # Pairs of editors on one step: one ticks it, the other writes its note.
        step = steps[index // 2]
        change = {f"done:{step.pk}": True} if index % 2 == 0 else {f"note:{step.pk}": f"Notiz {index}"}
        try:
            barrier.wait()
            checklist_run_save(run=run, user=user, base=base, mine={**base, **change})
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(people["owner" if i % 2 else "colleague"], i)) for i in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    for pair in range(2):
        state = _state(run, steps[pair])
        assert state.done and state.note == f"Notiz {2 * pair + 1}"
    assert ChecklistRun.objects.get(pk=run.pk).version == 5
