from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "ikz.assistant"
    label = "assistant"
    verbose_name = "Kooperationsassistent"
    default_auto_field = "django.db.models.BigAutoField"
