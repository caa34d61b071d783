"""Mounted at /suche/ (see config/urls.py)."""

from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="page"),
    path("vorschlaege/", views.suggest, name="suggest"),
]
