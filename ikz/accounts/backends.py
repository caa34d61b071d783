from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

# Set on the request when the password was right but the address is not confirmed yet, so
# the login form can say so without checking the password a second time.
UNCONFIRMED_FLAG = "ikz_login_unconfirmed"


class EmailBackend(ModelBackend):
    """Authenticate with the e-mail address (case-insensitive) or the username.

    Every branch – unknown address, wrong password, unconfirmed or deactivated account,
    account without a usable password – runs the password hasher exactly once, so neither
    the answer nor its timing tells whether an account exists or in which state it is.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user_model = get_user_model()
        user = (
            user_model._default_manager.filter(email__iexact=username.strip()).first()
            or user_model._default_manager.filter(username=username).first()
        )
        if user is None or not user.has_usable_password():
            # Django's check_password skips the hasher for an unusable password.
            user_model().set_password(password)
            return None
        if not user.check_password(password):
            return None
        if self.user_can_authenticate(user):
            return user
        if request is not None and user.email_confirmed_at is None:
            setattr(request, UNCONFIRMED_FLAG, True)
        return None
