#!/usr/bin/env python3
"""Serves the test site with wsgiref on 127.0.0.1:$PORT (0 picks a free port)
and prints "listening on 127.0.0.1:<port>" once ready. It exits when its
standard input closes, so it never outlives the Go test that started it."""
import os
import sys
import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def main():
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    server = make_server("127.0.0.1", int(os.environ.get("PORT") or 0), app,
                         server_class=WSGIServer, handler_class=QuietHandler)
    threading.Thread(target=_exit_on_eof, args=(server,), daemon=True).start()
    print("listening on 127.0.0.1:%d" % server.server_port, flush=True)
    server.serve_forever()


def _exit_on_eof(server):
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    main()
