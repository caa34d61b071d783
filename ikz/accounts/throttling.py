"""Login throttling (django-axes): how failures are keyed, reset and located.

Two independent locks (settings.AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]):
five failures against one account lock that account from every address, and five failures
from one address lock that address for every account.
"""

import ipware.ip
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.http import HttpRequest


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The submitted e-mail address, trimmed and lower-cased.

    Login is case-insensitive, so the lock must be too: otherwise "A@x" and "a@x" would be
    counted as two accounts and each get five tries.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    value = credentials.get(field) if credentials else getattr(request, "data", request.POST).get(field)
    # At most what axes' records hold (255): Wagtail's /_util/login/ takes any length, and a
    # longer name ended in a database error on PostgreSQL.
    return value.strip().lower()[:255] if isinstance(value, str) else value


def client_ip_address(request: HttpRequest) -> str | None:
    """The visitor's address as the login lock sees it (settings.AXES_CLIENT_IP_CALLABLE).

    Behind settings.PROXY_COUNT trusted reverse proxies, each appending the address it was
    connected from to X-Forwarded-For, the client is the PROXY_COUNT-th entry from the right;
    whatever stands further left the client wrote itself. Without proxies the header is
    ignored. A request that did not pass the proxies (too short a chain, no header) is
    counted under the address it came from. Other throttles should key on this too.
    """
    if proxy_count := settings.PROXY_COUNT:
        address, _routable = ipware.ip.get_client_ip(
            request,
            proxy_count=proxy_count - 1,  # ipware counts the proxies listed in the header
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,  # entries the client put in front do not void the trusted ones
        )
        if address:
            return address
    return request.META.get("REMOTE_ADDR")


class LoginLockHandler(AxesDatabaseHandler):
    """axes' database handler, with a successful login clearing only its own failures.

    axes' own reset deletes every failure that matches *any* lockout criterion of the
    request – with the per-address lock that includes the failures this address recorded
    against other accounts. An attacker could guess four times at a victim's password,
    log into an own account and have the victim's count wiped: unlimited guessing. Here a
    success clears only the failures of the account that just logged in, from this address.
    """

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        # The account name axes passes in, and the identifier typed into the form (the login
        # accepts the e-mail address as well as the username; both name this account).
        names = {get_client_username(request, credentials), get_client_username(request)}
        names.discard(None)
        if not names:
            return 0
        count, _ = AccessAttempt.objects.filter(
            username__in=names, ip_address=request.axes_ip_address
        ).delete()
        return count
