"""Who may download a document through /documents/<id>/<name> (Wagtail's serve view).

Document ids are sequential and file names are the originals, so a document must not be public
only because it exists. The public gets a document only when published, public content uses
it: a live page without view restrictions (nor on an ancestor), or a live project – and that use
is not „nur für Mitglieder“ (the entry's or the file's setting, MEMBERS_ONLY_USES). Everyone
else gets it when they may see some content that uses it: the Redaktion (document rights),
the uploader, editors of a draft page or project, confirmed members for a members-only use. To all
others the answer is 404, the same as for an id that does not exist.

Uses are found in two ways: every foreign key to the document model (read at once, so a
document is available the moment its page is published) and Wagtail's reference index
(document links in rich text and StreamField).
"""

from collections.abc import Iterator
from functools import cache

from django.apps import apps
from django.db import models
from django.http import Http404
from django.utils.module_loading import import_string
from wagtail.documents import get_document_model
from wagtail.models import DraftStateMixin, Page, PageViewRestriction, ReferenceIndex

# Who may see a draft of an owner that is not a page: "app_label.Model" -> "module.function(user, obj)".
DRAFT_VIEW_CHECKS = {"projects.Project": "ikz.projects.permissions.can_view"}

# Uses that are for confirmed members only, by the model of the row that holds the document:
# "app_label.Model" -> "module.function(row, owner)". Besides these, every use on a page or snippet
# with `members_only` set is one. Such a use makes a document available to confirmed members and
# the Redaktion, never to the public or to a logged-in non-member (ikz.library.members).
MEMBERS_ONLY_USES = {"library.EntryDocument": "ikz.library.members.entry_document_members_only"}


def _owner(obj):
    """The page or snippet whose content `obj` is: an inline row (ParentalKey) belongs to its parent."""
    for field in obj._meta.concrete_fields:
        if field.__class__.__name__ == "ParentalKey":
            return getattr(obj, field.name)
    return obj


@cache  # the models do not change while the process runs
def _document_foreign_keys() -> list[tuple[type, models.Field]]:
    document_model = get_document_model()
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey)
        and not isinstance(field, models.OneToOneField)  # e.g. the extracted text: no use of the document
        and field.related_model is document_model
    ]


def document_uses(document) -> Iterator[tuple]:
    """(row, owner) for every use of `document`: the row holding it (an inline row, or the owner
    itself for a rich-text link) and the page or snippet (live or draft) whose content it is; one by
    one (lazily, so a caller that stops at the first visible use runs no further queries)."""
    for model, field in _document_foreign_keys():
        for row in model._base_manager.filter(**{field.name: document}):
            owner = _owner(row)
            yield row, owner.specific if isinstance(owner, Page) else owner
    covered = _inline_relation_names()
    for reference in ReferenceIndex.get_references_to(document).select_related("base_content_type"):
        if reference.model_path.split(".", 1)[0] in covered:
            continue  # an inline row's foreign key, found above with its own settings
        model = reference.base_content_type.model_class()
        if model is None:
            continue
        obj = model._base_manager.filter(pk=reference.object_id).first()
        if obj is not None:
            obj = obj.specific if isinstance(obj, Page) else obj
            yield obj, obj


@cache
def _inline_relation_names() -> frozenset[str]:
    """The child relations (ParentalKey related names) of the inline rows that hold a document: the
    reference index lists them under their parent, where a row's own setting would be lost."""
    names = set()
    for model, _field in _document_foreign_keys():
        for field in model._meta.concrete_fields:
            if field.__class__.__name__ == "ParentalKey" and field.remote_field.related_name:
                names.add(field.remote_field.related_name)
    return frozenset(names)


def document_users(document) -> Iterator:
    """Every page or snippet (live or draft) whose content uses `document`, one by one."""
    for _row, owner in document_uses(document):
        yield owner


def use_members_only(row, owner) -> bool:
    if getattr(owner, "members_only", False):
        return True
    check = MEMBERS_ONLY_USES.get(row._meta.label)
    return bool(check and import_string(check)(row, owner))


def _page_visible(page: Page, request) -> bool:
    user = request.user
    if not page.live:
        return user.is_authenticated and page.permissions_for_user(user).can_edit()
    restrictions = PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True))
    return all(restriction.accept_request(request) for restriction in restrictions)


def _owner_visible(owner, request) -> bool:
    if isinstance(owner, Page):
        return _page_visible(owner, request)
    if isinstance(owner, DraftStateMixin):
        if owner.live:
            return True
        check = DRAFT_VIEW_CHECKS.get(owner._meta.label)
        return bool(check and request.user.is_authenticated and import_string(check)(request.user, owner))
    return False  # other uses (e.g. a plain record) make nothing public


def document_visible(document, request) -> bool:
    from wagtail.documents import get_document_model
    from wagtail.permissions import policy_registry  # not importable before apps are ready

    permission_policy = policy_registry.get_by_type(get_document_model())
    user = request.user
    if user.is_authenticated and (
        permission_policy.user_has_permission(user, "change") or document.uploaded_by_user_id == user.pk
    ):
        return True
    from .members import can_see_members_only

    return any(
        _owner_visible(owner, request) and (not use_members_only(row, owner) or can_see_members_only(user))
        for row, owner in document_uses(document)
    )


def before_serve_document(document, request):
    """Wagtail hook: refuse with 404 (no hint that the document exists) unless visible."""
    if not document_visible(document, request):
        raise Http404("Dokument nicht gefunden.")
    return None
