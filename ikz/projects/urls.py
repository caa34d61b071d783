from django.urls import path

from . import export, views

app_name = "projects"

urlpatterns = [
    path("", views.project_list_view, name="list"),
    path("export.csv", export.export_csv_view, name="export_csv"),
    path("export.json", export.export_json_view, name="export_json"),
    path("meine/", views.my_projects_view, name="mine"),
    path("neu/", views.project_form_view, name="create"),
    path("bestaetigen/<str:token>/", views.project_confirm_token_view, name="confirm"),
    path("<int:pk>/bearbeiten/", views.project_form_view, name="edit"),
    path("<int:pk>/einreichen/", views.project_submit_view, name="submit"),
    path("<int:pk>/aktuell/", views.project_confirm_member_view, name="confirm_member"),
    path("<int:pk>/<str:slug>/", views.project_detail_view, name="detail"),
]
