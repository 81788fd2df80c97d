from django import forms
from wagtail.images.widgets import AdminImageChooser

from municipalities.models import Municipality


class MunicipalitySettingsForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["logo", "contact_email", "contact_phone", "contact_address"]
        widgets = {"logo": AdminImageChooser}
