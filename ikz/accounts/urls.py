from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("registrieren/", views.register, name="register"),
    path("registrieren/gesendet/", views.register_done, name="register_done"),
    path("bestaetigen/erneut/", views.confirmation_resend, name="confirmation_resend"),
    path("bestaetigen/<str:token>/", views.email_confirm, name="email_confirm"),
    path("passwort/vergessen/", views.password_reset, name="password_reset"),
    path("passwort/vergessen/gesendet/", views.password_reset_done, name="password_reset_done"),
    path("passwort/neu/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("passwort/neu/fertig/", views.password_reset_complete, name="password_reset_complete"),
    path("mitgliedschaft/<int:pk>/beenden/", views.membership_end, name="membership_end"),
    path("", views.profile, name="profile"),
]
