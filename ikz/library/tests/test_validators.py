import pytest
from django.core.exceptions import ValidationError

from ikz.library.validators import validate_ecli, validate_file_number


@pytest.mark.parametrize(
    "value", ["ECLI:EU:C:2013:385", "ECLI:DE:BFH:2017:U.280617.XIR12.15.0", "ECLI:EU:C:2020:395", ""]
)
def test_valid_ecli(value):
    validate_ecli(value)


@pytest.mark.parametrize(
    "value",
    [
        "ECLI:EU:C:13:385",
        "EU:C:2013:385",
        "ECLI:DEU:BFH:2017:1",
        "ECLI:EU:C:2013:",
        "ecli:eu:c:2013:385",
        "ECLI:DE:BUNDESGERICHT:2017:1",
    ],
)
def test_malformed_ecli_is_refused_in_german(value):
    with pytest.raises(ValidationError) as info:
        validate_ecli(value)
    assert "kein gültiger ECLI" in info.value.messages[0]


@pytest.mark.parametrize(
    "value", ["C-386/11", "13 Verg 3/13", "VII-Verg 25/18", "XI R 12/15", "1 K 4539/06", "15 A 440/08"]
)
def test_real_file_numbers_pass(value):
    validate_file_number(value)


@pytest.mark.parametrize("value", ["irgendwas", "386", "C-386/", "/11"])
def test_bad_file_numbers_fail(value):
    with pytest.raises(ValidationError):
        validate_file_number(value)


def test_ruling_admin_form_refuses_bad_ecli(library_index, editor):
    from wagtail.admin.forms.pages import WagtailAdminPageForm  # noqa: F401 - ensures admin forms load

    from ikz.library.models import RulingPage

    form_class = RulingPage.get_edit_handler().get_form_class()
    folder = library_index.get_children().get(slug="urteile")
    form = form_class(
        data={
            "title": "Test",
            "slug": "test",
            "court": "EuGH",
            "ecli": "ECLI:EU:C:13:385",
            "file_number": "C-1/20",
        },
        instance=RulingPage(),
        parent_page=folder,
        for_user=editor,
    )
    assert not form.is_valid()
    assert "kein gültiger ECLI" in str(form.errors["ecli"])
