from django.urls import path

from stats import views

app_name = "stats"

urlpatterns = [
    path("", views.statistics_page, name="statistics"),
    path("registrer/", views.register, name="register"),
    path("registrert/", views.receipt, name="receipt"),
]
