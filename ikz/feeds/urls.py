from django.urls import path

from . import views

app_name = "feeds"
urlpatterns = [
    path("alle.atom", views.AllFeed(), name="all"),
    path("<slug:key>.atom", views.SourceFeed(), name="source"),
]
