"""Test helpers shared by the service apps (faq, hotline, newsletter).

`smtp_server_fixed_port`: the root `smtp_server` fixture starts aiosmtpd with port=0, and
aiosmtpd's start-up self-test then connects to port 0 and fails. Until the root conftest picks a
free port itself, the service apps' test conftests use this stand-in with the same interface.
"""

import socket

from conftest import SMTPSink


class FixedPortSMTPSink(SMTPSink):
    def __init__(self, port: int = 0):
        from aiosmtpd.controller import Controller

        super().__init__()
        if not port:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=port)


def smtp_server_start(settings):
    sink = FixedPortSMTPSink()
    port = sink.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    return sink
