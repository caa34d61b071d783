from django.urls import path

from . import views

app_name = "hotline"
urlpatterns = [
    path("", views.hotline, name="hotline"),
    path("danke/", views.thanks, name="thanks"),
    path("nachtrag/<str:token>/", views.follow_up, name="follow_up"),
]
