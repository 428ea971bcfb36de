"""Views of the Django test site (the Go test app serves the same paths).

/f/form/    a form rendered by Django's template engine with {% csrf_token %}
/f/submit/  a POST the CSRF middleware checks; answers "accepted: <field>"
/m/add/     adds a message: POST level, text, extra_tags (one message per
            "text" value)
/m/show/    iterates the messages (consuming them), answers them as JSON:
            [[level, text, extra_tags, tags], ...]
"""
import json

from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotAllowed
from django.template import engines
from django.views.decorators.csrf import csrf_exempt

FORM = engines["django"].from_string(
    '<form method="post" action="/f/submit/">{% csrf_token %}'
    '<input name="field" value="x"></form>'
)


def form(request):
    return HttpResponse(FORM.render({}, request))


def submit(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return HttpResponse("accepted: " + request.POST.get("field", ""), content_type="text/plain")


@csrf_exempt
def add(request):
    level = int(request.POST["level"])
    for text in request.POST.getlist("text"):
        messages.add_message(request, level, text, extra_tags=request.POST.get("extra_tags", ""))
    return HttpResponse("added", content_type="text/plain")


def show(request):
    out = [[m.level, m.message, m.extra_tags or "", m.tags] for m in messages.get_messages(request)]
    return HttpResponse(json.dumps(out), content_type="application/json")
