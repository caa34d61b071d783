from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

app_name = "accounts"

urlpatterns = [
    path("anmelden/", auth_views.LoginView.as_view(), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("registrieren/", TemplateView.as_view(template_name="base.html"), name="register"),
    path("", TemplateView.as_view(template_name="base.html"), name="profile"),
]
