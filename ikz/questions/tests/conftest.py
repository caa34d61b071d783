import pytest


@pytest.fixture
def asker(member_factory):
    return member_factory(email="fragt@hueckeswagen.nrw.example", first_name="Frieda", last_name="Frage")


@pytest.fixture
def answerer(member_factory, municipality_factory):
    return member_factory(
        municipality=municipality_factory("05374020"),
        email="antwortet@lindlar.nrw.example",
        first_name="Anton",
        last_name="Antwort",
    )


@pytest.fixture
def question_factory(asker, home_page):
    from ikz.core.taxonomy import TaskArea
    from ikz.questions import services

    def make(user=None, title="Wer betreibt schon ein gemeinsames Standesamt mit dem Nachbarn?", **fields):
        fields.setdefault("body", "Wir prüfen ein gemeinsames Standesamt mit der Nachbargemeinde.")
        fields.setdefault("task_area", TaskArea.objects.first())
        return services.question_create(user=user or asker, title=title, **fields)

    return make


@pytest.fixture
def question(question_factory):
    return question_factory()


@pytest.fixture
def public_question(question_factory):
    return question_factory(title="Wie teilen zwei Gemeinden die Kosten eines Bauhofs?", is_public=True)
