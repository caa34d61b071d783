from django.urls import path

from . import views

app_name = "contacts"
urlpatterns = [
    path("", views.contact_list_view, name="list"),
    path("<slug:key>/", views.contact_detail_view, name="detail"),
]
