"""The Wagtail admin's login form with the password field's label translated: Wagtail's form
redefines the field without a label, so Django shows the English field name "Password"."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class AdminLoginForm(LoginForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
