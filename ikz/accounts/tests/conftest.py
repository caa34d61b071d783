"""Local stand-in for the root `smtp_server` fixture.

The root fixture starts aiosmtpd with port=0, and aiosmtpd's start-up self-test then connects
to port 0 and fails ("Connection refused"). Until the root conftest picks a free port itself,
this override does so; it keeps the same interface (wait_for, messages, to, body).
"""

import socket

import pytest

from conftest import SMTPSink


class _FixedPortSMTPSink(SMTPSink):
    def __init__(self):
        from aiosmtpd.controller import Controller

        super().__init__()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=port)


@pytest.fixture
def smtp_server(settings):
    sink = _FixedPortSMTPSink()
    port = sink.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    yield sink
    sink.stop()
