"""Views of the Django test site. Each one answers the session's state as
JSON: {"key": session_key, "expiry_age": get_expiry_age(), "data": {...}}.
Views that change the session take POST; the site has no CSRF middleware."""
import json

from django.http import HttpResponse, HttpResponseNotAllowed


def _state(request):
    s = request.session
    data = dict(s.items())  # loads first: an unknown or expired key becomes None
    body = {"key": s.session_key, "expiry_age": s.get_expiry_age(), "data": data}
    return HttpResponse(json.dumps(body), content_type="application/json")


def _post(view):
    def wrapped(request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(request)
    return wrapped


def state(request):
    return _state(request)


@_post
def set_values(request):
    """Stores every entry of the JSON object in the body."""
    for k, v in json.loads(request.body.decode("utf-8")).items():
        request.session[k] = v
    return _state(request)


@_post
def incr(request):
    """Adds 1 to the integer under ?name= (0 when absent)."""
    name = request.GET["name"]
    request.session[name] = request.session.get(name, 0) + 1
    return _state(request)


@_post
def flush(request):
    request.session.flush()
    return _state(request)


@_post
def cycle(request):
    request.session.cycle_key()
    return _state(request)


@_post
def expiry(request):
    """set_expiry(?seconds=N): N seconds of inactivity, 0 for browser close,
    negative for already expired."""
    request.session.set_expiry(int(request.GET["seconds"]))
    return _state(request)
