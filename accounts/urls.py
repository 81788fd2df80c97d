from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("logg-inn/", views.login, name="login"),
    path("logg-inn/kode/", views.verify, name="verify"),
    path("logg-inn/<slug:provider>/", views.oidc_start, name="oidc_start"),
    path("logg-inn/<slug:provider>/svar/", views.oidc_callback, name="oidc_callback"),
    path("tofaktor/", views.setup_2fa, name="setup_2fa"),
    path("logg-ut/", views.logout, name="logout"),
    path("passord/", views.password_change, name="password"),
]
