"""Serves the Django site of the working directory (DJANGO_SETTINGS_MODULE,
PYTHONPATH) with wsgiref on 127.0.0.1:$PORT (0 or unset: a free port), and
prints "listening on 127.0.0.1:<port>" once ready. It exits when its standard
input closes, so it never outlives the Go test that started it."""
import os
import sys
import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def exit_on_eof():
    sys.stdin.read()
    os._exit(0)


from django.core.wsgi import get_wsgi_application

server = make_server("127.0.0.1", int(os.environ.get("PORT") or 0), get_wsgi_application(),
                     server_class=WSGIServer, handler_class=QuietHandler)
threading.Thread(target=exit_on_eof, daemon=True).start()
print("listening on 127.0.0.1:%d" % server.server_port, flush=True)
server.serve_forever()
