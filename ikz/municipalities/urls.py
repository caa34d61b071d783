from django.urls import path
from django.views.generic import TemplateView

app_name = "municipalities"

urlpatterns = [
    path("", TemplateView.as_view(template_name="base.html"), name="list"),
    path("<str:ags>/<slug:slug>/", TemplateView.as_view(template_name="base.html"), name="detail"),
]
