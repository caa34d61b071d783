"""The main navigation leads to every part of the portal and marks where the visitor is."""

import re

import pytest


@pytest.mark.django_db
def test_main_navigation_leads_to_the_assistant_and_marks_it(client, home_page):
    html = client.get("/").content.decode()
    nav = html[html.index('class="main-nav"') : html.index("</nav>", html.index('class="main-nav"'))]
    assert re.findall(r'<a href="([^"]+)"', nav) == [
        "/",
        "/wissen/",
        "/projekte/",
        "/assistent/",
        "/foerderung/",
        "/partner/",
        "/kommunen/",
        "/fragen/",
        "/faq/",
        "/hotline/",
        "/veranstaltungen/",
        "/newsletter/",
    ]
    page = client.get("/assistent/").content.decode()
    assert '<a href="/assistent/" aria-current="page">Assistent</a>' in page
