from django.urls import path

from . import views

app_name = "workshop"

urlpatterns = [
    path("", views.workshop_list, name="list"),
    path("uebernehmen/", views.result_adopt, name="adopt"),
    path("einladung/<str:token>/", views.invitation, name="invitation"),
    path("<uuid:key>/", views.workshop_detail, name="detail"),
    path("<uuid:key>/bearbeiten/", views.workshop_edit, name="edit"),
    path("<uuid:key>/einladen/", views.invite, name="invite"),
    path("<uuid:key>/mitglieder/<int:pk>/entfernen/", views.member_remove, name="member_remove"),
    path("<uuid:key>/verlassen/", views.leave, name="leave"),
    path("<uuid:key>/abschliessen/", views.archive, name="archive"),
    path("<uuid:key>/notizen/neu/", views.note_create, name="note_create"),
    path("<uuid:key>/notizen/<int:pk>/", views.note_edit, name="note_edit"),
]

# Drafts of the agreement or statute (issue 15 item 4; app ikz.agreements, namespace workshop:agreements)
from django.urls import include  # noqa: E402

urlpatterns += [
    path("<uuid:key>/entwuerfe/", include("ikz.agreements.urls")),
]
