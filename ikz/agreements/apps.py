from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "ikz.agreements"
    label = "agreements"
    verbose_name = "Vertrags- und Satzungsentwürfe"
    default_auto_field = "django.db.models.BigAutoField"
