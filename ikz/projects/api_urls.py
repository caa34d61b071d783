from django.urls import path

from . import export

app_name = "projects_api"

urlpatterns = [
    path("", export.api_list_view, name="list"),
    path("<int:pk>/", export.api_detail_view, name="detail"),
]
