import pytest


@pytest.fixture(autouse=True)
def _newsletter_settings(settings):
    settings.PORTAL_BASE_URL = "https://ikz.example"


@pytest.fixture
def smtp_server(settings):
    from ikz.newsletter.testing import smtp_server_start

    sink = smtp_server_start(settings)
    yield sink
    sink.stop()
