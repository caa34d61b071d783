"""Commands that create demo content or accounts run only under dev or test settings.

`setup_demo` and `demo_accounts` create a Redaktion account with the public demo password; on a
production system that is an open door. Every such command derives from `DemoOnlyCommand`
(ikz/core/tests/test_settings_selection.py checks that each command with "demo" in its name does),
which refuses before `handle()` when
- the settings module is not one of DEMO_SETTINGS_MODULES (production, and any module added
  later until someone puts it here on purpose), or
- this host is a production host (config/settings/selection.py: the environment file exists or
  IKZ_ENV=production) – even under dev settings chosen by hand.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from config.settings.selection import production_marker

DEMO_SETTINGS_MODULES = frozenset({"config.settings.dev", "config.settings.test"})


def demo_refusal() -> str | None:
    """Why demo content must not be created here, or None where it may."""
    module = settings.SETTINGS_MODULE
    if module not in DEMO_SETTINGS_MODULES:
        return f"die Einstellungen {module} sind keine Entwicklungs- oder Test-Einstellungen"
    marker = production_marker()
    if marker:
        return f"dies ist ein Produktionssystem ({marker})"
    return None


class DemoOnlyCommand(BaseCommand):
    """Base class of every management command that creates demo content, accounts or services."""

    def execute(self, *args, **options):
        reason = demo_refusal()
        if reason:
            raise CommandError(
                f"Der Befehl „{self._command_name()}“ ist nur für die lokale Demo gedacht und wird "
                f"nicht ausgeführt: {reason}. Demo-Konten mit öffentlich bekanntem Passwort dürfen "
                "nicht auf ein Produktionssystem gelangen."
            )
        return super().execute(*args, **options)

    def _command_name(self) -> str:
        return self.__class__.__module__.rsplit(".", 1)[-1]
