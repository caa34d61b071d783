from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ikz.accounts"
    label = "accounts"
    verbose_name = "Konten und Mitgliedschaften"
