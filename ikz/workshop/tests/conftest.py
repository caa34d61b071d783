import pytest


@pytest.fixture
def lead(member_factory):
    return member_factory(email="leitung@hueckeswagen.nrw.example", first_name="Lea", last_name="Leitung")


@pytest.fixture
def workshop_factory(lead, municipality_factory):
    from ikz.workshop import services

    def make(user=None, title="Gemeinsamer Bauhof", **fields):
        fields.setdefault("partners", [municipality_factory("05374016"), municipality_factory("05374020")])
        return services.workshop_create(user=user or lead, title=title, **fields)

    return make


@pytest.fixture
def workshop(workshop_factory):
    return workshop_factory()


@pytest.fixture
def add_member():
    from ikz.workshop.models import Role, WorkshopMember

    def add(workshop, user, role=Role.CONTRIBUTOR):
        return WorkshopMember.objects.create(workshop=workshop, user=user, role=role)

    return add
