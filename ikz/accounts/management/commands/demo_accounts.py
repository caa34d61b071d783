from django.core.management.base import BaseCommand

from ikz.accounts.demo import demo_accounts_create


class Command(BaseCommand):
    help = "Legt die Demo-Konten (Redaktion und Mitglied) an und gibt die Zugangsdaten aus."

    def handle(self, *args, **options):
        for role, email, password in demo_accounts_create():
            self.stdout.write(f"{role}: {email} / {password}")
