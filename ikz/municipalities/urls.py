from django.urls import path

from . import views

app_name = "municipalities"

urlpatterns = [
    path("", views.municipality_list_view, name="list"),
    path("<str:ags>/", views.municipality_redirect_view, name="redirect"),
    path("<str:ags>/<str:slug>/", views.municipality_detail_view, name="detail"),
]
