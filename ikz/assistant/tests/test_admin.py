"""The Redaktion reviews and edits the rules and funding figures in the admin."""

import re

import pytest
from django.forms.models import model_to_dict

pytestmark = pytest.mark.django_db


def admin_form_values(markup: str) -> dict:
    """What the browser submits from a Wagtail edit form (inputs, textareas, selected options)."""
    start = markup.index('id="w-editor-form"')
    form = markup[start : markup.index("</form>", start)]
    values: dict = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        kind = (re.search(r'type="([^"]+)"', tag) or re.search("()", "")).group(1)
        if (
            not name
            or kind in ("submit", "button")
            or (kind in ("checkbox", "radio") and "checked" not in tag)
        ):
            continue
        value = re.search(r'value="([^"]*)"', tag)
        if value:
            values[name.group(1)] = __import__("html").unescape(value.group(1))
        else:  # a box without value submits "on"; an empty field (no value attribute) submits ""
            values[name.group(1)] = "on" if kind in ("checkbox", "radio") else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        values[name] = __import__("html").unescape(text.removeprefix("\n"))
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        values[name] = selected.group(1) if selected else ""
    return values


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_rules_are_listed_for_the_redaktion(editor_client, rules):
    response = editor_client.get("/admin/snippets/assistant/rule/?q=Markt")
    assert response.status_code == 200
    assert "Weniger als 20 % auf dem Markt" in response.content.decode()


@pytest.mark.parametrize(
    ("model", "key"),
    [("rule", "gwb108-6-3"), ("rule", "ende-zv-beschluss-austritt"), ("fundingprogramme", "ikz-nrw")],
)
def test_edit_form_saved_unchanged_keeps_the_row_identical(editor_client, rules, model, key):
    from django.apps import apps

    row = apps.get_model("assistant", model).objects.get(key=key)
    before = model_to_dict(row)
    url = f"/admin/snippets/assistant/{model}/edit/{row.pk}/"
    page = editor_client.get(url)
    assert page.status_code == 200
    response = editor_client.post(url, admin_form_values(page.content.decode()))
    assert response.status_code == 302, response.content.decode()[:2000]
    row.refresh_from_db()
    assert model_to_dict(row) == before


def test_threshold_edited_in_the_admin_changes_the_result(editor_client, register, rules):
    from ikz.assistant.models import Rule

    rule = Rule.objects.get(key="gwb108-6-3")
    url = f"/admin/snippets/assistant/rule/edit/{rule.pk}/"
    values = admin_form_values(editor_client.get(url).content.decode())
    values["threshold"] = "25"
    assert editor_client.post(url, values).status_code == 302
    query = "partner=05358032&partner=05358036&privat=nein&gemeinsame_aufgabe=ja&geld=kostenerstattung&markt=ja&marktanteil=22"
    body = editor_client.get("/assistent/ergebnis/?" + query).content.decode()
    assert "Voraussichtlich vergaberechtsfrei nach § 108 Abs. 6 GWB" in body


def test_leave_step_edited_in_the_admin_changes_the_steps(editor_client, rules):
    """The steps of /assistent/beenden/ are rules like the others: listed under their check, edited in the admin."""
    from ikz.assistant.models import Rule

    listing = editor_client.get("/admin/snippets/assistant/rule/?check_area=beenden").content.decode()
    assert "Beschluss der Verbandsversammlung über das Ausscheiden" in listing
    assert "Weniger als 20 % auf dem Markt" not in listing
    rule = Rule.objects.get(key="ende-zv-beschluss-austritt")
    url = f"/admin/snippets/assistant/rule/edit/{rule.pk}/"
    values = admin_form_values(editor_client.get(url).content.decode())
    values["title"] = "Ausscheiden beschließen (von der Redaktion geändert)"
    values["sort_order"] = "5"  # now the first step
    response = editor_client.post(url, values)
    assert response.status_code == 302, response.context["form"].errors
    body = editor_client.get(
        "/assistent/beenden/?rechtsform=zweckverband&rolle=austritt&klausel=nein"
    ).content.decode()
    steps = body[body.index('id="schritte"') :]
    assert (
        re.findall(r"<li><strong>([^<]+):</strong>", steps)[0]
        == "Ausscheiden beschließen (von der Redaktion geändert)"
    )
