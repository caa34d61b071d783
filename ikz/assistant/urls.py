from django.urls import path

from . import views

app_name = "assistant"

urlpatterns = [
    path("", views.start_view, name="start"),
    path("ergebnis/", views.result_view, name="ergebnis"),
    path("rechtsform/", views.legal_form_view, name="rechtsform"),
    path("foerderung/", views.funding_view, name="foerderung"),
]
