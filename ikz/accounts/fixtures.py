"""pytest fixtures for accounts, members and editors (used by every app's tests).

- `roles`: the four role groups, synced.
- `municipality_factory(ags=..., short_name=..., type=...)`: a Körperschaft (reuses an existing AGS).
- `user_factory(email=..., password=TEST_PASSWORD, groups=(...), **fields)`: a confirmed, active person.
- `public_user`: registered and confirmed, no membership (role Öffentlichkeit).
- `member_factory(municipality=None, email=None)` / `member`: confirmed Mitglied (default Stadt Hückeswagen).
- `editor`: Redaktion, staff with Wagtail admin access.
- `operator`: Administration (users, groups, settings).
All log in with TEST_PASSWORD.
"""

import itertools

import pytest

TEST_PASSWORD = "Kooperation-2025"  # noqa: S105 - test data

_counter = itertools.count(1)

_DEFAULT_MUNICIPALITIES = {
    "05374": ("Oberbergischer Kreis", "Kreis", "kreis", None),
    "05374016": ("Hückeswagen", "Stadt", "gemeinde", "05374"),
    "05374020": ("Lindlar", "Gemeinde", "gemeinde", "05374"),
    "05111000": ("Düsseldorf", "kreisfreie Stadt", "gemeinde", None),
}


@pytest.fixture
def roles(db):
    from ikz.accounts.roles import roles_sync

    roles_sync()


@pytest.fixture
def municipality_factory(db):
    from ikz.municipalities.models import Municipality

    def make(ags: str = "05374016", short_name: str | None = None, type: str | None = None, **fields):
        existing = Municipality.objects.filter(ags=ags).first()
        if existing is not None:
            return existing
        default = _DEFAULT_MUNICIPALITIES.get(ags, (f"Testgemeinde {ags}", "Gemeinde", "gemeinde", None))
        kreis_ags = default[3]
        kreis = make(kreis_ags) if kreis_ags else None
        return Municipality.objects.create(
            ags=ags,
            name=short_name or default[0],
            short_name=short_name or default[0],
            type=type or default[1],
            level=fields.pop("level", default[2]),
            kreis=kreis,
            regierungsbezirk=fields.pop(
                "regierungsbezirk", "Köln" if ags.startswith("05374") else "Düsseldorf"
            ),
            **fields,
        )

    return make


@pytest.fixture
def user_factory(db, roles):
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from ikz.accounts.models import User

    def make(email: str | None = None, password: str = TEST_PASSWORD, groups=(), **fields):
        email = email or f"person{next(_counter)}@kommune.nrw.example"
        fields.setdefault("first_name", "Erika")
        fields.setdefault("last_name", "Muster")
        fields.setdefault("email_confirmed_at", timezone.now())
        fields.setdefault("is_active", True)
        user = User(username=email, email=email, **fields)
        user.set_password(password)
        user.save()
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def public_user(user_factory):
    from ikz.accounts.roles import ROLE_PUBLIC

    return user_factory(email="oeffentlich@kommune.nrw.example", groups=[ROLE_PUBLIC])


@pytest.fixture
def member_factory(user_factory, municipality_factory):
    from django.utils import timezone

    from ikz.accounts.models import Membership, MembershipStatus
    from ikz.accounts.roles import ROLE_MEMBER

    def make(municipality=None, email: str | None = None, **fields):
        municipality = municipality or municipality_factory("05374016")
        user = user_factory(email=email, groups=[ROLE_MEMBER], **fields)
        Membership.objects.create(
            user=user, municipality=municipality, status=MembershipStatus.CONFIRMED, decided_at=timezone.now()
        )
        return user

    return make


@pytest.fixture
def member(member_factory):
    return member_factory(email="mitglied@kommune.nrw.example", first_name="Max", last_name="Mitglied")


@pytest.fixture
def editor(user_factory):
    from ikz.accounts.roles import ROLE_EDITOR

    return user_factory(
        email="redakteurin@ikz-portal.nrw.example",
        first_name="Rita",
        last_name="Redaktion",
        groups=[ROLE_EDITOR],
        is_staff=True,
    )


@pytest.fixture
def operator(user_factory):
    from ikz.accounts.roles import ROLE_ADMIN

    return user_factory(
        email="betrieb@ikz-portal.nrw.example",
        first_name="Otto",
        last_name="Betrieb",
        groups=[ROLE_ADMIN],
        is_staff=True,
    )
