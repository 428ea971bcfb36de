"""URLs of the Django test site: the same paths as the Go test app."""
from django.urls import path

import views

urlpatterns = [
    path("whoami/", views.whoami),
    path("login/", views.login_view),
    path("logout/", views.logout_view),
    path("password/", views.password),
]
