"""URLs of the Django test site: the same paths as the Go test app."""
from django.urls import path

import views

urlpatterns = [
    path("s/state/", views.state),
    path("s/set/", views.set_values),
    path("s/incr/", views.incr),
    path("s/flush/", views.flush),
    path("s/cycle/", views.cycle),
    path("s/expiry/", views.expiry),
]
