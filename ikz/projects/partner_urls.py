from django.urls import path

from . import partner_views

app_name = "partners"

urlpatterns = [
    path("", partner_views.finder_view, name="finder"),
    path("suche/neu/", partner_views.request_create_view, name="request_create"),
    path("suche/<int:pk>/", partner_views.request_detail_view, name="request_detail"),
]
