from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from ikz.api.views import openapi_view

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("konto/", include("ikz.accounts.urls")),
    path("kommunen/", include("ikz.municipalities.urls")),
    path("hotline/", include("ikz.hotline.urls")),
    path("faq/", include("ikz.faq.urls")),
    path("newsletter/", include("ikz.newsletter.urls")),
    path("projekte/", include("ikz.projects.urls")),
    path("partner/", include("ikz.projects.partner_urls")),
    path("api/v1/openapi.json", openapi_view, name="openapi"),
    path("api/v1/projects/", include("ikz.projects.api_urls")),
    path("suche/", include("ikz.search.urls")),
    path("assistent/", include("ikz.assistant.urls")),
    path("werkstatt/", include("ikz.workshop.urls")),
    path("ansprechpartner/", include("ikz.contacts.urls")),
    path("feeds/", include("ikz.feeds.urls")),
    path("veranstaltungen/", include("ikz.events.urls")),
    path("fragen/", include("ikz.questions.urls")),
    path("foerderabo/", include("ikz.funding.urls")),
    path("api/v1/assistent/", include("ikz.assistant.api_urls")),
    path("api/v1/", include("ikz.search.api_urls")),
]

# Uploads in development and the demo (which runs with DEBUG off); production's web server serves them.
# Never the documents folder: documents go through /documents/<id>/…, where ikz.library.document_access
# decides who may have them (drafts and restricted pages stay private in the demo too).
if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    import re

    from django.urls import re_path
    from django.views.static import serve

    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns += [
        re_path(rf"^{media_prefix}(?!documents/)(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

# Wagtail's page serving comes last: it catches every path not matched above.
urlpatterns += [path("", include(wagtail_urls))]
