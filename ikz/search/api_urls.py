"""Mounted at /api/v1/ (see config/urls.py): /api/v1/search and its OpenAPI description."""

from django.urls import path

from . import views

app_name = "search_api"

urlpatterns = [
    path("search", views.api_search, name="search"),
    path("search/openapi.json", views.api_openapi, name="openapi"),
]
