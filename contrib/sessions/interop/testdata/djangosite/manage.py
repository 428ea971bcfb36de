#!/usr/bin/env python3
"""Django's manage.py for the test site: migrate, showmigrations,
clearsessions, runserver... Settings come from the environment (settings.py)."""
import os
import sys


def main():
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
