"""Public account pages: registration, confirmation, login and the profile."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from ikz.core.text import with_article
from ikz.core.throttle import Throttled, client_address, throttle_hit

from . import services
from .forms import (
    DUPLICATE_EMAIL,
    LoginForm,
    MembershipRequestForm,
    QueuedPasswordResetForm,
    RegistrationForm,
    ResendConfirmationForm,
)
from .konto import sections_for
from .models import Membership
from .roles import ROLE_ADMIN, ROLE_EDITOR, ROLE_MEMBER
from .selectors import memberships_of
from .tokens import InvalidToken

# Forms that send a mail to a typed-in address: at most (attempts, seconds) per target address and
# per client address; settings.THROTTLE_RATES["<scope>:<kind>"] overrides. The same counting and
# the same answer whether or not an account exists, so the limit reveals nothing.
MAIL_FORM_RATES = {
    "accounts.register": {"address": (3, 60 * 60), "ip": (10, 60 * 60)},
    "accounts.confirmation_resend": {"address": (3, 60 * 60), "ip": (10, 60 * 60)},
    "accounts.password_reset": {"address": (3, 60 * 60), "ip": (10, 60 * 60)},
}


def mail_form_throttle(request: HttpRequest, *, scope: str, email: str) -> None:
    """Count one mail-sending submission; raises Throttled when the address or the client is over the limit."""
    rates = MAIL_FORM_RATES[scope]
    throttle_hit(
        scope=scope,
        limits={"address": (email, rates["address"]), "ip": (client_address(request), rates["ip"])},
    )


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mail_form_throttle(request, scope="accounts.register", email=data["email"])
        except Throttled as exc:
            form.add_error(None, exc.message)
            return render(request, "accounts/register.html", {"form": form}, status=429)
        try:
            services.user_register(
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                municipality=data["municipality"],
                job_title=data["job_title"],
            )
        except services.EmailAlreadyRegistered:
            # Lost a race with another registration of the same address.
            form.add_error("email", ValidationError(DUPLICATE_EMAIL, code="duplicate"))
        else:
            request.session["registered_email"] = data["email"]
            return redirect("accounts:register_done")
    return render(request, "accounts/register.html", {"form": form})


def register_done(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/register_done.html", {"email": request.session.get("registered_email", "")}
    )


def email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = services.user_email_confirm(token=token)
    except InvalidToken as exc:
        return render(request, "accounts/email_confirm_failed.html", {"expired": exc.expired}, status=400)
    return render(request, "accounts/email_confirmed.html", {"confirmed_user": user})


@require_http_methods(["GET", "POST"])
def confirmation_resend(request: HttpRequest) -> HttpResponse:
    form = ResendConfirmationForm(request.POST or None, initial={"email": request.GET.get("email", "")})
    if request.method == "POST" and form.is_valid():
        try:
            mail_form_throttle(
                request, scope="accounts.confirmation_resend", email=form.cleaned_data["email"]
            )
        except Throttled as exc:
            form.add_error(None, exc.message)
            return render(request, "accounts/confirmation_resend.html", {"form": form}, status=429)
        services.user_confirmation_resend(email=form.cleaned_data["email"])
        # The same answer whether or not the address has an account.
        messages.success(
            request,
            "Wenn zu dieser Adresse ein noch nicht bestätigtes Konto gehört, haben wir die "
            "Bestätigungsmail erneut gesendet. Bitte sehen Sie auch im Spam-Ordner nach.",
        )
        return redirect("accounts:login")
    return render(request, "accounts/confirmation_resend.html", {"form": form})


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = MembershipRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_request(
                user=request.user,
                municipality=form.cleaned_data["municipality"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error("municipality", exc)
        else:
            messages.success(
                request,
                f"Ihr Antrag auf Mitgliedschaft für {with_article(membership.municipality)} ist bei der Redaktion eingegangen.",
            )
            return redirect("accounts:profile")
    group_names = set(request.user.groups.values_list("name", flat=True))
    roles = [role for role in (ROLE_ADMIN, ROLE_EDITOR, ROLE_MEMBER) if role in group_names]
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "memberships": memberships_of(user=request.user),
            "roles": roles,
            "can_access_admin": request.user.has_perm("wagtailadmin.access_admin"),
            "konto_sections": sections_for(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    """The person ends one of their own memberships (asked once more before it happens)."""
    membership = get_object_or_404(
        Membership.objects.confirmed_rows().select_related("municipality"), pk=pk, user=request.user
    )
    if request.method == "POST":
        services.membership_end(
            membership=membership, by=request.user, reason="Von der Person selbst beendet"
        )
        messages.success(
            request, f"Ihre Mitgliedschaft für {with_article(membership.municipality)} ist beendet."
        )
        return redirect("accounts:profile")
    return render(request, "accounts/membership_end.html", {"membership": membership})


# Password reset: Django's views with German templates, the mail through the task queue.
class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/emails/password_reset.txt"
    html_email_template_name = "accounts/emails/password_reset.html"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        try:
            mail_form_throttle(
                self.request, scope="accounts.password_reset", email=form.cleaned_data["email"]
            )
        except Throttled as exc:
            form.add_error(None, exc.message)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        # Links in mails use the configured public address, not the request's Host header.
        self.extra_email_context = {"portal_url": settings.PORTAL_BASE_URL.rstrip("/")}
        return super().form_valid(form)


password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
