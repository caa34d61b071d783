from django.urls import path

from . import views

app_name = "funding"

urlpatterns = [
    path("<int:pk>/", views.subscribe_view, name="subscribe"),
    path("<int:pk>/beenden/", views.unsubscribe_view, name="unsubscribe"),
]
