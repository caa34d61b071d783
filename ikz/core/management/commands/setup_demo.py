"""Fill a fresh database with the register, the site tree, roles, content and demo accounts.

Idempotent: running it again changes nothing that is already there.
"""

from django.core.management import call_command
from django.test.utils import override_settings

from ikz.accounts.demo import DEMO_MEMBER_EMAIL, demo_accounts_create
from ikz.accounts.models import User
from ikz.accounts.roles import roles_sync
from ikz.contacts.demo import contacts_demo_setup
from ikz.contacts.services import authorities_sync
from ikz.core.demo_only import DemoOnlyCommand
from ikz.core.services import site_setup
from ikz.core.taxonomy import task_areas_sync
from ikz.events.demo import events_demo_setup
from ikz.funding.content import funding_setup
from ikz.hotline.demo import service_demo_setup
from ikz.library.demo import library_demo_setup
from ikz.projects.demo import projects_demo_setup
from ikz.questions.demo import questions_demo_setup
from ikz.search.registry import search_reindex
from ikz.workshop.demo import workshop_demo_setup


class Command(DemoOnlyCommand):
    help = "Richtet die Demo ein: Körperschaften, Seitenbaum, Inhalte, Rollen und Demo-Konten."

    def handle(self, *args, **options):
        # The set-up creates hundreds of pages and rows; their follow-up work (search and reference
        # index) runs right here, so the worker starts with an empty queue and mails go out at once.
        with override_settings(
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        ):
            self.set_up()

    def set_up(self):
        call_command("import_municipalities", stdout=self.stdout)
        home = site_setup()
        task_areas_sync()
        self.stdout.write(
            "Seitenbaum mit Startseite, Impressum, Datenschutz und Barrierefreiheit eingerichtet."
        )
        self.stdout.write(
            "Wissensdatenbank: Gesetze, Urteile, Literatur und Beispiel-Vorlagen werden geladen …"
        )
        library_demo_setup(progress=self.stdout.write)
        service_demo_setup(home=home)
        self.stdout.write("FAQ, Hotline und Newsletter eingerichtet.")
        events_demo_setup(home=home)
        self.stdout.write("Veranstaltungen: zwei Beispielveranstaltungen eingerichtet.")
        funding_setup(home=home)
        self.stdout.write(
            "Förderprogramme: /foerderung/ mit der Förderrichtlinie IKZ NRW (Quelle und Stand) eingerichtet."
        )
        projects_demo_setup()
        self.stdout.write("Projektdatenbank: 10 reale Beispiele und Beispielprojekte eingerichtet.")
        authorities_sync()
        contacts_demo_setup()
        self.stdout.write(
            "Ansprechpartner: 5 Bezirksregierungen, Kommunalaufsicht der 31 Kreise, Redaktion, ein Beispiel-Experte."
        )
        roles_sync()
        self.stdout.write("Rollen Öffentlichkeit, Mitglied, Redaktion und Administration eingerichtet.")
        accounts = demo_accounts_create()
        if workshop_demo_setup(user=User.objects.get(email=DEMO_MEMBER_EMAIL)):
            self.stdout.write(
                "Kooperationswerkstatt: eine Beispiel-Werkstatt des Demo-Mitglieds eingerichtet."
            )
        if questions_demo_setup(user=User.objects.get(email=DEMO_MEMBER_EMAIL)):
            self.stdout.write("Kommunen fragen Kommunen: zwei Beispiel-Fragen mit Antworten eingerichtet.")
        # Last, so that everything above – the example threads too – is in the index at once.
        counts = search_reindex()
        self.stdout.write(f"Suchindex aufgebaut: {sum(counts.values())} Einträge.")
        self.stdout.write(self.style.SUCCESS("\nDemo-Zugänge (nur für die lokale Demo):"))
        for role, email, password in accounts:
            self.stdout.write(f"  {role:<15} E-Mail: {email:<38} Passwort: {password}")
        self.stdout.write("Die Redaktion arbeitet unter http://127.0.0.1:8000/admin/")
