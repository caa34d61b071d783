from django.urls import path

from . import views

app_name = "faq"
urlpatterns = [path("bewerten/<int:page_id>/", views.vote, name="vote")]
