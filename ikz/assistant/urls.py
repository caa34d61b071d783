from django.urls import path

from . import views

app_name = "assistant"

urlpatterns = [
    path("", views.start_view, name="start"),
    path("ergebnis/", views.result_view, name="ergebnis"),
    path("rechtsform/", views.legal_form_view, name="rechtsform"),
    path("foerderung/", views.funding_view, name="foerderung"),
    path("beenden/", views.leave_view, name="beenden"),
    path("ergebnis.pdf", views.result_pdf_view, name="ergebnis_pdf"),
    path("ergebnis.docx", views.result_docx_view, name="ergebnis_docx"),
]
