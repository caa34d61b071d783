import logging

from ikz.core.demo_only import DemoOnlyCommand
from ikz.library.demo import library_demo_setup


class Command(DemoOnlyCommand):
    help = "Legt die Wissensdatenbank an und füllt sie mit den mitgelieferten Inhalten (idempotent)."

    def handle(self, **options):
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        library_demo_setup(progress=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Wissensdatenbank eingerichtet."))
