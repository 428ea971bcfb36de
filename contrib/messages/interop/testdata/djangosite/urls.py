"""URLs of the Django test site: the same paths as the Go test app."""
from django.urls import path

import views

urlpatterns = [
    path("f/form/", views.form),
    path("f/submit/", views.submit),
    path("m/add/", views.add),
    path("m/show/", views.show),
]
