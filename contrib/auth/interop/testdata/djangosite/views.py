"""Views of the Django test site. Each answers the request's user as JSON:
{"user": username or null}. The site has no CSRF middleware."""
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.http import HttpResponseNotAllowed, JsonResponse


def _user(request):
    u = request.user
    return JsonResponse({"user": u.username if u.is_authenticated else None})


def _post(view):
    def wrapped(request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(request)
    return wrapped


def whoami(request):
    return _user(request)


@_post
def login_view(request):
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    if user is not None:
        login(request, user)
    return _user(request)


@_post
def logout_view(request):
    logout(request)
    return _user(request)


@_post
def password(request):
    """Sets the logged-in user's password to POST["password"] and keeps
    this session logged in."""
    user = request.user
    user.set_password(request.POST["password"])
    user.save()
    update_session_auth_hash(request, user)
    return _user(request)
