from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with an account. Logs in with the e-mail address.

    Self-registered accounts stay inactive until the address is confirmed; the Körperschaft
    stated at registration is kept here until then and becomes a membership request.
    """

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    email_confirmed_at = models.DateTimeField(_("E-Mail bestätigt am"), null=True, blank=True)
    job_title = models.CharField(_("Funktion / Dienstbezeichnung"), max_length=150, blank=True)
    stated_municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Bei der Registrierung angegebene Körperschaft"),
    )
    privacy_consented_at = models.DateTimeField(_("Datenschutzhinweis bestätigt am"), null=True, blank=True)

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("Benutzer")
        verbose_name_plural = _("Benutzer")
        constraints = [
            # The unique field alone is case-sensitive; addresses are not.
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("beantragt")
    CONFIRMED = "confirmed", _("bestätigt")
    REJECTED = "rejected", _("abgelehnt")
    ENDED = "ended", _("beendet")


OPEN_OR_CONFIRMED = [MembershipStatus.REQUESTED, MembershipStatus.CONFIRMED]


class MembershipQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=MembershipStatus.REQUESTED)

    def confirmed(self):
        """Memberships that give rights today – the one place every permission check reads.

        A confirmed row alone is not enough: the account must be active and still hold the
        group "Mitglied". Whoever deactivates the account or takes the group away in the
        user administration ends the rights at once, whatever path they took (the group
        signal in signals.py then also ends the rows, with a record).
        """
        from .roles import ROLE_MEMBER

        return self.filter(
            status=MembershipStatus.CONFIRMED, user__is_active=True, user__groups__name=ROLE_MEMBER
        )

    def confirmed_rows(self):
        """Confirmed rows, whether or not the account still has member rights."""
        return self.filter(status=MembershipStatus.CONFIRMED)

    def open_or_confirmed(self):
        return self.filter(status__in=OPEN_OR_CONFIRMED)


class Membership(models.Model):
    """A person's membership of a Körperschaft, requested by them and decided by the Redaktion."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("Person"),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("Körperschaft"),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.REQUESTED
    )
    note = models.TextField(_("Anmerkung der Person"), blank=True)
    created_at = models.DateTimeField(_("Beantragt am"), auto_now_add=True)
    decided_at = models.DateTimeField(_("Entschieden am"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Entschieden von"),
    )
    reason = models.TextField(_("Begründung"), blank=True)
    ended_at = models.DateTimeField(_("Beendet am"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Beendet von"),
    )
    end_reason = models.TextField(_("Grund für das Ende"), blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            # A rejected request or an ended membership may be asked again; an open or
            # confirmed one exists once.
            models.UniqueConstraint(
                fields=["user", "municipality"],
                condition=models.Q(status__in=["requested", "confirmed"]),
                name="accounts_membership_one_open_per_municipality",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality}"

    @property
    def is_pending(self) -> bool:
        return self.status == MembershipStatus.REQUESTED

    @property
    def is_confirmed(self) -> bool:
        return self.status == MembershipStatus.CONFIRMED
