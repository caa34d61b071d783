"""Asking and answering in Chromium: ask → answer (follow mail over real SMTP) → mark helpful; axe on
the list, the thread and the ask page."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_ask_and_answer_a_question(
    live_server, home_page, page, browser, axe, client, smtp_server, asker, answerer
):
    from playwright.sync_api import expect

    from ikz.questions.models import Answer, Question

    _login(page, live_server, client, asker)
    page.goto(live_server.url + "/fragen/")
    expect(page.get_by_role("heading", name="Kommunen fragen Kommunen", level=1)).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Frage stellen").click()
    axe(page)

    # an empty question: a German message, nothing saved
    page.get_by_role("button", name="Frage stellen").click()
    expect(page.get_by_text("Bitte schreiben Sie Ihre Frage in das Feld „Ihre Frage“.").first).to_be_visible()
    assert not Question.objects.exists()
    axe(page)

    page.get_by_label("Ihre Frage").fill("Wer hat Erfahrung mit einem gemeinsamen Standesamt?")
    page.get_by_label("Erläuterung").fill("Wir prüfen das mit unserer Nachbargemeinde.")
    page.get_by_label("Aufgabenbereich").select_option(index=1)
    page.get_by_role("button", name="Frage stellen").click()
    page.wait_for_url(re.compile(r"/fragen/\d+/$"))
    expect(page.get_by_text("Ihre Frage ist gestellt.")).to_be_visible()
    expect(page.get_by_text("Nur Mitglieder einer Körperschaft sehen diese Frage")).to_be_visible()
    axe(page)
    question = Question.objects.get()
    thread_url = page.url

    # another member answers in a second browser
    other = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin").new_page()
    other.context.set_default_timeout(15_000)
    _login(other, live_server, client.__class__(), answerer)
    other.goto(thread_url)
    other.get_by_label("Ihre Antwort").fill("Wir haben seit 2019 ein gemeinsames Standesamt mit Lindlar.")
    other.get_by_role("button", name="Antwort veröffentlichen").click()
    expect(other.get_by_text("Ihre Antwort ist gespeichert.")).to_be_visible()
    expect(other.get_by_role("heading", name=re.compile("Anton Antwort, .*Lindlar"))).to_be_visible()
    axe(other)
    other.context.close()

    # the asker, who follows automatically, gets the mail; the answer is marked as helpful
    mail = smtp_server.wait_for(1)[0]
    assert mail["To"] == asker.email
    assert "Neue Antwort auf „Wer hat Erfahrung mit einem gemeinsamen Standesamt?“" in mail["Subject"]
    page.reload()
    page.get_by_role("button", name=re.compile("Diese Antwort hat mir geholfen")).click()
    expect(page.get_by_text("Hat der fragenden Person geholfen")).to_be_visible()
    question.refresh_from_db()
    assert question.helpful_answer == Answer.objects.get()
    axe(page)

    # anonymous visitors do not see the private thread
    anonymous = browser.new_context(locale="de-DE").new_page()
    anonymous.goto(thread_url)
    expect(anonymous.get_by_role("heading", name=re.compile("nur für Mitglieder"))).to_be_visible()
    assert "Standesamt" not in anonymous.locator("main").inner_text()
    axe(anonymous)
    anonymous.context.close()
