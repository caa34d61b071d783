from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with an account. Logs in with the e-mail address."""

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    email_confirmed_at = models.DateTimeField(_("E-Mail bestätigt am"), null=True, blank=True)

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("Benutzer")
        verbose_name_plural = _("Benutzer")

    def __str__(self) -> str:
        return self.get_full_name() or self.email
