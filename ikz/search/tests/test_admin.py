import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_vocabulary_is_editable_in_the_admin(client, django_user_model):
    from ikz.search.models import SearchSynonym
    from ikz.search.synonyms import synonym_table, vocabulary_seed

    vocabulary_seed()
    admin = django_user_model.objects.create_superuser(
        username="redaktion", email="redaktion@example.org", password="x" * 12
    )
    client.force_login(admin)
    listing = client.get(reverse("wagtailsnippets_search_searchsynonym:list"))
    assert listing.status_code == 200
    first = SearchSynonym.objects.order_by("term").first()
    assert first.term in listing.content.decode()
    response = client.post(
        reverse("wagtailsnippets_search_searchsynonym:add"),
        {"term": "Feuerwehrhaus", "expansions": "Gerätehaus; Feuerwache", "note": ""},
    )
    assert response.status_code == 302
    assert SearchSynonym.objects.get(term="Feuerwehrhaus").expansion_list() == ["Gerätehaus", "Feuerwache"]
    assert any("Feuerwache" in v for v in synonym_table().values())
