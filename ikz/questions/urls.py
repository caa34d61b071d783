from django.urls import path

from . import views

app_name = "questions"

urlpatterns = [
    path("", views.question_list, name="list"),
    path("neu/", views.question_ask, name="ask"),
    path("abbestellen/<str:token>/", views.unfollow_link, name="unfollow_link"),
    path("<int:pk>/", views.question_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.question_edit, name="edit"),
    path("<int:pk>/antworten/", views.answer_create, name="answer"),
    path("<int:pk>/antworten/<int:answer_pk>/", views.answer_edit, name="answer_edit"),
    path("<int:pk>/hilfreich/", views.helpful, name="helpful"),
    path("<int:pk>/folgen/", views.follow, name="follow"),
    path("<int:pk>/melden/", views.report, name="report"),
]
