from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("feed.ics", views.feed, name="feed"),
    path("<slug:slug>/kalender.ics", views.event_ics, name="ics"),
    path("anmeldung/<int:event_id>/", views.register, name="register"),
    path("anmeldung/bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("anmeldung/abmelden/<str:token>/", views.cancel, name="cancel"),
    path("anmeldung/kalender/<str:token>.ics", views.personal_ics, name="personal_ics"),
    path("anmeldung/<str:token>/", views.personal, name="personal"),
]
