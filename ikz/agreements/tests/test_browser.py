"""In Chromium: from the Werkstatt to a draft, fill it in, download it, compare versions; axe on every page."""

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_create_fill_download_and_compare_a_draft(
    live_server, home_page, page, axe, client, task_workshop, lead
):
    from docx import Document as WordDocument

    from ikz.agreements.models import Draft

    _login(page, live_server, client, lead)
    page.goto(f"{live_server.url}/werkstatt/{task_workshop.key}/")
    expect(page.get_by_role("heading", name="Vertrags- und Satzungsentwürfe", level=2)).to_be_visible()
    axe(page)
    page.get_by_role(
        "link", name="Entwurf einer Vereinbarung, Verbandssatzung oder eines Vertrages erzeugen"
    ).click()
    expect(page.get_by_role("heading", name="Vertrags- und Satzungsentwürfe", level=1)).to_be_visible()
    axe(page)

    # without a choice: a German error, nothing created
    page.get_by_role("button", name="Entwurf erzeugen").click()
    expect(page.get_by_text("Bitte wählen Sie, welche Art von Entwurf entstehen soll.").first).to_be_visible()
    axe(page)
    page.get_by_label("Verbandssatzung eines Zweckverbandes (§ 9 GkG NRW)").check()
    page.get_by_role("button", name="Entwurf erzeugen").click()
    page.wait_for_url(re.compile(r"/entwuerfe/\d+/$"))
    status = page.locator("#entwurf-status")
    expect(status).to_contain_text(
        "Entwurf – unvollständig: es fehlen Name des Verbandes; Sitz des Verbandes"
    )
    axe(page)

    page.get_by_label("Name", exact=True).fill("Zweckverband Bauhof Bergisches Land (Beispiel)")
    page.get_by_label("Sitz", exact=True).fill("Hückeswagen")
    page.get_by_label("Kostenverteilung (Maßstab oder Entschädigung)").fill("nach Einwohnerzahlen")
    page.get_by_label("Form der öffentlichen Bekanntmachung").fill("im Amtsblatt des Oberbergischen Kreises")
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_text("Der Entwurf ist gespeichert (Version 2).")).to_be_visible()
    expect(status).to_contain_text("Entwurf – die Pflichtinhalte nach § 9 Abs. 2 GkG NRW sind enthalten")
    axe(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Verbandssatzung als Word (DOCX)").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    body = Path(download.path()).read_bytes()
    assert len(body) > 1000
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(body)).paragraphs)
    assert "Der Zweckverband führt den Namen „Zweckverband Bauhof Bergisches Land (Beispiel)“." in text
    pdf_url = page.get_by_role("link", name="Verbandssatzung als PDF").get_attribute("href")
    response = page.request.get(live_server.url + pdf_url)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF") and len(response.body()) > 1000
    odt_url = page.get_by_role("link", name="Verbandssatzung als OpenDocument (ODT)").get_attribute("href")
    response = page.request.get(live_server.url + odt_url)
    assert response.headers["content-type"] == "application/vnd.oasis.opendocument.text"
    assert len(response.body()) > 1000

    page.get_by_role("link", name="Versionen Klausel für Klausel vergleichen").click()
    page.get_by_role("button", name="Vergleichen").click()
    expect(page.get_by_role("heading", name="Version 1 und Version 2")).to_be_visible()
    expect(page.locator("ins").filter(has_text="Hückeswagen").first).to_be_visible()
    axe(page)
    assert Draft.objects.get().version == 2
