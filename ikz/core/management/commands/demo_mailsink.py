"""A local SMTP server for the demo: prints every mail the portal sends, readable."""

import asyncio
from email import message_from_bytes, policy

from ikz.core.demo_only import DemoOnlyCommand


class PrintingHandler:
    def __init__(self, out):
        self.out = out

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        msg = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        body = msg.get_body(preferencelist=("plain", "html"))
        self.out.write(
            "\n".join(
                [
                    "",
                    "=" * 72,
                    f"E-Mail an {', '.join(envelope.rcpt_tos)}",
                    f"Betreff: {msg['Subject']}",
                    "-" * 72,
                    body.get_content() if body else "",
                    "=" * 72,
                ]
            )
        )
        self.out.flush()
        return "250 Message accepted for delivery"


class Command(DemoOnlyCommand):
    help = "Startet einen lokalen SMTP-Empfänger, der alle Mails des Portals im Terminal zeigt (nur Demo)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=1025)

    def handle(self, *args, host, port, **options):
        from aiosmtpd.controller import Controller

        controller = Controller(PrintingHandler(self.stdout), hostname=host, port=port)
        controller.start()
        self.stdout.write(f"Mail-Empfänger für die Demo lauscht auf {host}:{port}.")
        try:
            asyncio.run(asyncio.Event().wait())
        except KeyboardInterrupt:
            pass
        finally:
            controller.stop()
