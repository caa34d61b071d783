from django.core.management.base import BaseCommand

from ikz.accounts.roles import ROLES, roles_sync


class Command(BaseCommand):
    help = "Legt die Rollen (Gruppen) mit genau ihren Berechtigungen an oder gleicht sie ab."

    def handle(self, *args, **options):
        roles_sync()
        self.stdout.write(self.style.SUCCESS("Rollen abgeglichen: " + ", ".join(ROLES)))
