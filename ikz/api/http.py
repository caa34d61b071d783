"""What every JSON endpoint of the portal shares: read-only methods, errors as JSON."""

from functools import wraps

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

READ_METHODS = ("GET", "HEAD", "OPTIONS")


def json_error(message: str, *, status: int, **headers) -> JsonResponse:
    response = JsonResponse({"detail": message}, status=status, json_dumps_params={"ensure_ascii": False})
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def read_only_api(view):
    """A read-only JSON endpoint: other methods get 405 with a JSON body and an Allow header.

    CSRF-exempt because it changes nothing: without that, a POST would meet the CSRF check's HTML
    403 before it could learn that the endpoint only reads.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in READ_METHODS:
            return json_error(
                f"Die Methode {request.method[:20]} ist hier nicht erlaubt; die Schnittstelle kann nur gelesen werden.",
                status=405,
                Allow=", ".join(READ_METHODS),
            )
        if request.method == "OPTIONS":
            response = JsonResponse({})
            response["Allow"] = ", ".join(READ_METHODS)
            return response
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapper)
