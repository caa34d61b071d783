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

# Documents, publication as a project, export (issue 15; views_files.py)
from . import views_files  # noqa: E402

urlpatterns += [
    path("<uuid:key>/dokumente/", views_files.documents, name="documents"),
    path("<uuid:key>/dokumente/<int:pk>/", views_files.document, name="document"),
    path(
        "<uuid:key>/dokumente/<int:pk>/fassung/<int:number>/",
        views_files.document_download,
        name="document_download",
    ),
    path("<uuid:key>/veroeffentlichen/", views_files.publish_view, name="publish"),
    path("<uuid:key>/export/", views_files.export_view, name="export"),
]

# Plan, checklist runs, e-mail choice, start from a partner request (issue 15; views_plan.py)
from . import views_plan  # noqa: E402

urlpatterns += [
    path("aus-partnersuche/<int:pk>/", views_plan.from_request, name="from_request"),
    path("abmelden/<str:token>/", views_plan.unsubscribe, name="unsubscribe"),
    path("<uuid:key>/plan/", views_plan.plan_view, name="plan"),
    path("<uuid:key>/plan/neu/", views_plan.milestone_create, name="milestone_create"),
    path("<uuid:key>/plan/<int:pk>/", views_plan.milestone_edit, name="milestone_edit"),
    path("<uuid:key>/plan/<int:pk>/verschieben/", views_plan.milestone_move, name="milestone_move"),
    path("<uuid:key>/plan/<int:pk>/entfernen/", views_plan.milestone_delete, name="milestone_delete"),
    path("<uuid:key>/checklisten/", views_plan.checklists, name="checklists"),
    path("<uuid:key>/checklisten/<int:pk>/", views_plan.checklist_run, name="checklist_run"),
    path("<uuid:key>/benachrichtigungen/", views_plan.notifications, name="notifications"),
]

# Drafts of the agreement or statute (issue 15 item 4; app ikz.agreements, namespace workshop:agreements)
from django.urls import include  # noqa: E402

urlpatterns += [
    path("<uuid:key>/entwuerfe/", include("ikz.agreements.urls")),
]
