"""Pages for the documents of a Werkstatt, its publication as a project and its export (issue 15).

Like every page of a Werkstatt they reach it through selectors.workshop_for_member: 404 for
everyone not in it (the Redaktion included), read anew on every request. Files are served only
here, never from a public media address, and never cached on the way (Cache-Control: private).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from . import export, files, publish, selectors
from .forms_files import DocumentForm, PublishForm, VersionForm
from .models_files import WorkshopDocument, WorkshopDocumentVersion
from .services import ARCHIVED
from .views import VISIBILITY


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_cache=True, max_age=0)
    return response


def _refused(form, exc: ValidationError) -> None:
    field = "file" if getattr(exc, "code", None) in ("type", "archive", "active") else None
    form.add_error(field, exc)


@login_required
@require_http_methods(["GET", "POST"])
def documents(request: HttpRequest, key) -> HttpResponse:
    """The documents of the Werkstatt and the form for a new one."""
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    form = None if workshop.is_archived else DocumentForm()
    status = 200
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES)
        if workshop.is_archived:
            form.is_valid()
            form.add_error(None, ARCHIVED)
            status = 409
        elif form.is_valid():
            data = form.cleaned_data
            try:
                document = files.document_create(
                    workshop=workshop, user=request.user, title=data["title"], upload=data["file"],
                    comment=data["comment"],
                )  # fmt: skip
            except ValidationError as exc:  # archived meanwhile, or refused by the service's check
                _refused(form, exc)
                status = 409
            else:
                messages.success(request, f"Das Dokument „{document.title}“ ist gespeichert (Fassung 1).")
                return redirect("workshop:document", key=workshop.key, pk=document.pk)
        else:
            status = 400
    return _private(render(request, "workshop/documents.html", {
        "workshop": workshop, "me": me, "visibility": VISIBILITY, "form": form,
        "documents": files.documents_of(workshop=workshop),
    }, status=status))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def document(request: HttpRequest, key, pk: int) -> HttpResponse:
    """One document with all its versions, and the form for a new version."""
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    found = get_object_or_404(WorkshopDocument.objects.select_related("created_by"), pk=pk, workshop=workshop)
    form = None if workshop.is_archived else VersionForm()
    status = 200
    if request.method == "POST":
        form = VersionForm(request.POST, request.FILES)
        if workshop.is_archived:
            form.is_valid()
            form.add_error(None, ARCHIVED)
            status = 409
        elif form.is_valid():
            try:
                version = files.version_add(
                    document=found, user=request.user, upload=form.cleaned_data["file"],
                    comment=form.cleaned_data["comment"],
                )  # fmt: skip
            except ValidationError as exc:
                _refused(form, exc)
                status = 409
            else:
                messages.success(
                    request,
                    f"Fassung {version.number} von „{found.title}“ ist gespeichert; die älteren bleiben abrufbar.",
                )
                return redirect("workshop:document", key=workshop.key, pk=found.pk)
        else:
            status = 400
    return _private(render(request, "workshop/document_detail.html", {
        "workshop": workshop, "me": me, "visibility": VISIBILITY, "document": found, "form": form,
        "versions": files.versions_of(document=found),
    }, status=status))  # fmt: skip


@login_required
@require_GET
def document_download(request: HttpRequest, key, pk: int, number: int) -> HttpResponse:
    """The file of one version – only for the members of the Werkstatt, always as a download."""
    workshop, _me = selectors.workshop_for_member(user=request.user, key=key)
    version = get_object_or_404(
        WorkshopDocumentVersion.objects.select_related("document"),
        document__pk=pk, document__workshop=workshop, number=number,
    )  # fmt: skip
    try:
        handle = version.file.open("rb")
    except FileNotFoundError:
        raise Http404("Die Datei ist nicht mehr vorhanden.") from None
    response = FileResponse(
        handle, as_attachment=True, filename=files.download_name(version),
        content_type=files.CONTENT_TYPES.get(version.kind, "application/octet-stream"),
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return _private(response)


@login_required
@require_http_methods(["GET", "POST"])
def publish_view(request: HttpRequest, key) -> HttpResponse:
    """„Als Projekt veröffentlichen“ (Leitung): a project draft from the Werkstatt, submitted for review."""
    from ikz.projects import permissions as project_permissions

    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    if not me.is_lead:
        raise PermissionDenied("Als Projekt veröffentlichen darf nur die Leitung der Werkstatt.")
    context = {"workshop": workshop, "me": me, "visibility": VISIBILITY,
               "publication": publish.publication_of(workshop)}  # fmt: skip
    if workshop.is_archived or context["publication"]:
        if request.method == "POST":
            messages.error(
                request,
                ARCHIVED if workshop.is_archived else "Diese Werkstatt ist bereits als Projekt eingereicht.",
            )
            return redirect("workshop:detail", key=workshop.key)
        return _private(render(request, "workshop/publish.html", {**context, "closed": True}))
    if not project_permissions.can_create(request.user):
        return _private(render(request, "workshop/publish.html", {**context, "not_member": True}, status=403))
    documents = list(publish.publishable_documents(workshop))
    initial = publish.prefill(workshop)
    form = PublishForm(request.POST or None, documents=documents, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                project = publish.workshop_publish(
                    workshop=workshop, user=request.user, title=data["title"], summary=data["summary"],
                    legal_form=data["legal_form"], task_area=data["task_area"], documents=form.chosen_documents(),
                )  # fmt: skip
            except ValidationError as exc:  # refused by the project database: nothing was written
                form.add_error(None, exc)
                status = 409
            else:
                messages.success(
                    request,
                    f"Das Projekt „{project.title}“ ist angelegt und liegt der Redaktion zur Prüfung vor. "
                    "Nach der Freigabe erscheint es in der Projektdatenbank.",
                )
                return redirect("workshop:detail", key=workshop.key)
        else:
            status = 400
    participants = publish.participants_for(workshop, request.user)
    return _private(render(request, "workshop/publish.html", {
        **context, "form": form, "participants": participants, "has_documents": bool(documents),
    }, status=status))  # fmt: skip


@login_required
@require_GET
def export_view(request: HttpRequest, key) -> HttpResponse:
    """The whole Werkstatt as ZIP: for every member once archived, before that for the Leitung."""
    workshop, me = selectors.workshop_for_member(user=request.user, key=key)
    if not workshop.is_archived and not me.is_lead:
        raise PermissionDenied("Vor dem Abschluss kann nur die Leitung die Werkstatt exportieren.")
    response = StreamingHttpResponse(
        export.export_stream(workshop, base_url=request.build_absolute_uri("/")),
        content_type="application/zip",
    )
    response["Content-Disposition"] = content_disposition_header(True, export.export_name(workshop))
    return _private(response)
