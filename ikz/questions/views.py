"""Pages of „Kommunen fragen Kommunen“ under /fragen/.

List and thread are public views for the page cache (rules.py): anonymous visitors see public
threads only, and those pages are the same for all of them; signed-in visitors are never served
from the cache. Everything that writes is a private POST view.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ikz.core.params import parse_int
from ikz.core.taxonomy import TaskArea

from . import emails, selectors, services
from .forms import AnswerForm, QuestionEditForm, QuestionFilterForm, QuestionForm, ReportForm
from .models import Answer, Follow
from .permissions import is_portal_member, may_answer, may_edit, may_follow, may_read_private
from .throttling import RateLimited, rate_limit

VISIBILITY_PRIVATE = "Nur Mitglieder einer Körperschaft sehen diese Frage und ihre Antworten."
VISIBILITY_PUBLIC = "Öffentlich: Alle sehen diese Frage und ihre Antworten, auch in der Suche des Portals."


def _members_only(request, status=403) -> HttpResponse:
    return render(request, "questions/members_only.html", status=status)


# --- List and ask ------------------------------------------------------------------------------


@require_GET
def question_list(request: HttpRequest) -> HttpResponse:
    from django.core.paginator import Paginator

    form = QuestionFilterForm(request.GET or None)
    area, query = None, ""
    if form.is_valid():
        slug = form.cleaned_data["bereich"]
        area = TaskArea.objects.filter(slug=slug).first() if slug else None
        query = form.cleaned_data["q"].strip()
    questions = selectors.questions_for(user=request.user, task_area=area, query=query)
    page = Paginator(questions, selectors.PER_PAGE).get_page(request.GET.get("seite"))
    return render(request, "questions/question_list.html", {
        "form": form, "page_obj": page, "questions": page.object_list, "area": area, "query": query,
        "can_ask": is_portal_member(request.user), "sees_private": may_read_private(request.user),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def question_ask(request: HttpRequest) -> HttpResponse:
    if not is_portal_member(request.user):
        return _members_only(request)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rate_limit("questions.ask", request.user)
        except RateLimited as exc:
            form.add_error(None, exc.message)
        else:
            data = form.cleaned_data
            question = services.question_create(
                user=request.user, title=data["title"], body=data["body"], task_area=data["task_area"],
                is_public=data["is_public"],
            )  # fmt: skip
            messages.success(
                request,
                "Ihre Frage ist gestellt. Sie folgen ihr und bekommen eine E-Mail, sobald jemand antwortet.",
            )
            return redirect(question)
    status = 400 if request.method == "POST" else 200
    return render(request, "questions/question_form.html", {"form": form, "creating": True}, status=status)


# --- One thread --------------------------------------------------------------------------------


def _thread(request, pk: int):
    try:
        return selectors.question_for(user=request.user, pk=pk)
    except selectors.MembersOnly:
        return None


def _detail_context(request, question, **extra) -> dict:
    user = request.user
    follow = selectors.follow_of(question=question, user=user)
    answers = list(selectors.answers_of(question=question))
    for answer in answers:
        answer.may_edit = may_edit(user, answer)
    context = {
        "question": question,
        "answers": answers,
        "visibility": VISIBILITY_PUBLIC if question.is_public else VISIBILITY_PRIVATE,
        "is_asker": user.is_authenticated and question.author_id == user.pk,
        "may_edit_question": may_edit(user, question),
        "may_answer": may_answer(user, question),
        "is_member": is_portal_member(user),
        "follow": follow,
        "may_follow": may_follow(user, question),
        "answer_form": AnswerForm() if may_answer(user, question) else None,
    }
    context.update(extra)
    return context


@require_GET
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = _thread(request, pk)
    if question is None:
        return _members_only(request)
    services.follow_seen(question=question, user=request.user)
    return render(request, "questions/question_detail.html", _detail_context(request, question))


@login_required
@require_POST
def answer_create(request: HttpRequest, pk: int) -> HttpResponse:
    question = _thread(request, pk)
    if question is None or not is_portal_member(request.user):
        return _members_only(request)
    if question.is_locked:
        messages.error(request, services.LOCKED)
        return redirect(question)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            rate_limit("questions.answer", request.user)
            answer = services.answer_create(
                question=question, user=request.user, body=form.cleaned_data["body"]
            )
        except RateLimited as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Ihre Antwort ist gespeichert. Danke, dass Sie Ihre Erfahrung teilen.")
            return redirect(reverse("questions:detail", args=[question.pk]) + f"#antwort-{answer.pk}")
    question.refresh_from_db()
    return render(
        request,
        "questions/question_detail.html",
        _detail_context(request, question, answer_form=form),
        status=400,
    )


@login_required
@require_POST
def helpful(request: HttpRequest, pk: int) -> HttpResponse:
    question = _thread(request, pk)
    if question is None:
        return _members_only(request)
    raw = request.POST.get("answer", "")
    answer = None
    if raw and raw != "0":
        answer = Answer.objects.filter(pk=parse_int(raw, 0)).first()
        if answer is None:
            messages.error(request, "Diese Antwort gibt es nicht (mehr).")
            return redirect(question)
    try:
        services.helpful_mark(question=question, answer=answer, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(question)
    if answer is None:
        messages.success(request, "Die Markierung „Hat geholfen“ ist zurückgenommen.")
        return redirect(question)
    messages.success(request, "Die Antwort ist als hilfreich markiert. Danke für die Rückmeldung!")
    return redirect(reverse("questions:detail", args=[question.pk]) + f"#antwort-{answer.pk}")


@login_required
@require_POST
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    question = _thread(request, pk)
    if question is None:
        return _members_only(request)
    try:
        if request.POST.get("action") == "unfollow":
            services.follow_delete(question=question, user=request.user)
            messages.success(
                request, "Sie folgen der Frage nicht mehr und bekommen keine E-Mails mehr zu ihr."
            )
        else:
            services.follow_create(question=question, user=request.user)
            messages.success(
                request, "Sie folgen der Frage: Bei jeder neuen Antwort bekommen Sie eine E-Mail."
            )
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    except PermissionDenied:
        messages.error(request, "Folgen können angemeldete Personen mit bestätigter E-Mail-Adresse.")
    return redirect(question)


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    question = _thread(request, pk)
    if question is None or not is_portal_member(request.user):
        return _members_only(request)
    raw = request.POST.get("antwort") or request.GET.get("antwort") or ""
    answer = None
    if raw:
        answer = get_object_or_404(Answer.objects.shown(), pk=parse_int(raw, 0), question=question)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rate_limit("questions.report", request.user)
            services.report_create(
                question=question, answer=answer, user=request.user, reason=form.cleaned_data["reason"]
            )
        except RateLimited as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            messages.info(request, " ".join(exc.messages))
            return redirect(question)
        else:
            messages.success(request, "Danke. Die Redaktion ist informiert und sieht sich den Beitrag an.")
            return redirect(question)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "questions/report_form.html",
        {"question": question, "answer": answer, "form": form}, status=status,
    )  # fmt: skip


# --- Editing with the three-way merge (decision 0011) ------------------------------------------

QUESTION_LABELS = {
    "title": "Frage",
    "body": "Erläuterung",
    "task_area": "Aufgabenbereich",
    "is_public": "Sichtbarkeit",
}
ANSWER_LABELS = {"body": "Antwort"}


def _shown(name: str, value) -> str:
    if name == "task_area":
        area = TaskArea.objects.filter(slug=value).first() if value else None
        return area.name if area else "(keiner)"
    if name == "is_public":
        return "öffentlich" if value else "nur für Mitglieder"
    return value or "(leer)"


def _post_value(name: str, value):
    if name == "is_public":
        return "on" if value else ""
    return value


def _base_value(name: str, value):
    if name == "is_public":
        return "1" if value else "0"
    return value


def _merge_page(request, *, template, context, form_class, stored, outcome, labels, who, at):
    """Render the conflict: the person's input stays, base becomes the stored version, and each
    field both changed shows the other version beside it."""
    data = request.POST.copy()
    for name, value in stored.items():
        data[f"base_{name}"] = _base_value(name, value)
        if name in outcome.from_others:
            if name == "is_public" and not value:
                data.pop(name, None)
            else:
                data[name] = _post_value(name, value)
    rows = [{"name": c.key, "label": labels[c.key], "mine": _shown(c.key, c.mine), "theirs": _shown(c.key, c.theirs)}
            for c in outcome.conflicts]  # fmt: skip
    conflict = {
        "who": who,
        "at": at,
        "rows": rows,
        "taken": [labels[n] for n in labels if n in outcome.from_others],
    }
    return render(request, template, {**context, "form": form_class(data), "conflict": conflict}, status=409)


def _take_theirs(request, *, template, context, form_class, form, stored, labels):
    names = [n for n in request.POST.getlist("take") if n in labels] or list(labels)
    data = request.POST.copy()
    kept = []
    mine = form.values()
    for name, value in stored.items():
        data[f"base_{name}"] = _base_value(name, value)
        if name in names and mine[name] != value:
            kept.append({"label": labels[name], "text": _shown(name, mine[name])})
            if name == "is_public" and not value:
                data.pop(name, None)
            else:
                data[name] = _post_value(name, value)
    messages.info(
        request, "Die gespeicherte Fassung steht jetzt im Formular. Speichern Sie, um sie so zu behalten."
    )
    return render(request, template, {**context, "form": form_class(data), "discarded": kept})


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = _thread(request, pk)
    if question is None:
        return _members_only(request)
    if not may_edit(request.user, question):
        if question.author_id == request.user.pk and question.is_locked:
            messages.error(request, services.LOCKED)
            return redirect(question)
        raise PermissionDenied("Bearbeiten kann nur, wer die Frage gestellt hat.")
    template = "questions/question_form.html"
    context = {"question": question}
    if request.method == "GET":
        form = QuestionEditForm(initial=QuestionEditForm.initial_for(services.question_values(question)))
        return render(request, template, {**context, "form": form})
    form = QuestionEditForm(request.POST)
    if not form.is_valid():
        return render(request, template, {**context, "form": form}, status=400)
    if "take_theirs" in request.POST:
        stored = services.question_values(type(question).objects.get(pk=question.pk))
        return _take_theirs(request, template=template, context=context, form_class=QuestionEditForm,
                            form=form, stored=stored, labels=QUESTION_LABELS)  # fmt: skip
    try:
        outcome = services.question_save(
            question=question, user=request.user, base=form.base(), mine=form.values()
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return render(request, template, {**context, "form": form}, status=409)
    if outcome.conflicts:
        current = outcome.obj
        return _merge_page(request, template=template, context=context, form_class=QuestionEditForm,
                           stored=services.question_values(current), outcome=outcome, labels=QUESTION_LABELS,
                           who=current.updated_by, at=current.updated_at)  # fmt: skip
    if outcome.saved:
        messages.success(request, "Ihre Frage ist gespeichert.")
    else:
        messages.info(request, "Sie haben nichts geändert; die Frage ist unverändert.")
    return redirect(question)


@login_required
@require_http_methods(["GET", "POST"])
def answer_edit(request: HttpRequest, pk: int, answer_pk: int) -> HttpResponse:
    question = _thread(request, pk)
    if question is None:
        return _members_only(request)
    answer = get_object_or_404(
        Answer.objects.shown().select_related("updated_by"), pk=answer_pk, question=question
    )
    if not may_edit(request.user, answer):
        if answer.author_id == request.user.pk and question.is_locked:
            messages.error(request, services.LOCKED)
            return redirect(question)
        raise PermissionDenied("Bearbeiten kann nur, wer die Antwort geschrieben hat.")
    template = "questions/answer_form.html"
    context = {"question": question, "answer": answer}
    back = reverse("questions:detail", args=[question.pk]) + f"#antwort-{answer.pk}"
    if request.method == "GET":
        values = services.answer_values(answer)
        form = AnswerForm(initial={**values, "base_body": values["body"]})
        return render(request, template, {**context, "form": form})
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return render(request, template, {**context, "form": form}, status=400)
    if "take_theirs" in request.POST:
        stored = services.answer_values(Answer.objects.get(pk=answer.pk))
        return _take_theirs(request, template=template, context=context, form_class=AnswerForm,
                            form=form, stored=stored, labels=ANSWER_LABELS)  # fmt: skip
    try:
        outcome = services.answer_save(answer=answer, user=request.user, base=form.base(), mine=form.values())
    except ValidationError as exc:
        form.add_error(None, exc)
        return render(request, template, {**context, "form": form}, status=409)
    if outcome.conflicts:
        current = outcome.obj
        return _merge_page(request, template=template, context=context, form_class=AnswerForm,
                           stored=services.answer_values(current), outcome=outcome, labels=ANSWER_LABELS,
                           who=current.updated_by, at=current.updated_at)  # fmt: skip
    if outcome.saved:
        messages.success(request, "Ihre Antwort ist gespeichert.")
    else:
        messages.info(request, "Sie haben nichts geändert; die Antwort ist unverändert.")
    return redirect(back)


# --- Unfollow from the mail --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def unfollow_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the follow mail: opening it changes nothing (mail scanners open links); a POST does."""
    data = emails.unfollow_token_read(token)
    follow_row = (
        Follow.objects.select_related("question").filter(pk=data.get("f"), user_id=data.get("u")).first()
        if isinstance(data, dict)
        else None
    )
    if follow_row is None:
        return render(request, "questions/unfollow.html", {"invalid": True}, status=404)
    if request.method == "POST":
        title = follow_row.question.title
        follow_row.delete()
        return render(request, "questions/unfollow.html", {"done": True, "title": title})
    return render(request, "questions/unfollow.html", {"follow": follow_row, "question": follow_row.question})
