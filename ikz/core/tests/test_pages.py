import pytest


@pytest.mark.django_db
def test_home_page_is_german_with_footer_links(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    for label, url in [
        ("Impressum", "/impressum/"),
        ("Datenschutz", "/datenschutz/"),
        ("Barrierefreiheit", "/barrierefreiheit/"),
    ]:
        assert f'href="{url}"' in html, label
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_unknown_path_gives_german_404(client, home_page):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


@pytest.mark.django_db
def test_site_setup_is_idempotent(home_page):
    from wagtail.models import Page

    from ikz.core.services import site_setup

    before = Page.objects.count()
    site_setup()
    assert Page.objects.count() == before


@pytest.mark.django_db
def test_security_headers_and_csp_without_inline_script(client, home_page):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "default-src 'self'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "geolocation=()" in response["Permissions-Policy"]
    admin = client.get("/admin/login/")
    admin_script_src = next(
        d for d in admin["Content-Security-Policy"].split(";") if d.strip().startswith("script-src")
    )
    assert "'unsafe-inline'" not in admin_script_src
