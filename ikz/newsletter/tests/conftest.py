import pytest


@pytest.fixture(autouse=True)
def _newsletter_settings(settings):
    settings.PORTAL_BASE_URL = "https://ikz.example"
