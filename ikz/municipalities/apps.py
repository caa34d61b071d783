from django.apps import AppConfig


class MunicipalitiesConfig(AppConfig):
    name = "ikz.municipalities"
    label = "municipalities"
    verbose_name = "Körperschaften"
