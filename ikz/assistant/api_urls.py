from django.urls import path

from . import views

app_name = "assistant_api"

urlpatterns = [path("foerderung", views.funding_api_view, name="foerderung")]
