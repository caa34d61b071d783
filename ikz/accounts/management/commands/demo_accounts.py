from ikz.accounts.demo import demo_accounts_create
from ikz.core.demo_only import DemoOnlyCommand


class Command(DemoOnlyCommand):
    help = "Legt die Demo-Konten (Redaktion und Mitglied) an und gibt die Zugangsdaten aus."

    def handle(self, *args, **options):
        for role, email, password in demo_accounts_create():
            self.stdout.write(f"{role}: {email} / {password}")
