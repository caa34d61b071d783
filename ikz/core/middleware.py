from django.conf import settings


class SecurityHeadersMiddleware:
    """Headers that django-csp and Django's SecurityMiddleware do not set themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault(
            "Permissions-Policy", "geolocation=(), camera=(), microphone=(), payment=(), usb=()"
        )
        if request.path.startswith("/admin/"):
            # The admin is exempt from the public policy (EXCLUDE_URL_PREFIXES) and gets its own.
            response.setdefault("Content-Security-Policy", settings.ADMIN_CONTENT_SECURITY_POLICY)
        return response
