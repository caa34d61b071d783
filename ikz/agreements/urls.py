"""Mounted by ikz/workshop/urls.py under /werkstatt/<key>/entwuerfe/ (namespace workshop:agreements)."""

from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("", views.draft_list, name="list"),
    path("<int:pk>/", views.draft_detail, name="detail"),
    path("<int:pk>/versionen/", views.draft_versions, name="versions"),
    path("<int:pk>/download/<str:fmt>/", views.draft_download, name="download"),
]
