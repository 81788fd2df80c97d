"""Upload checks for documents: size and real file type, not just the file name."""

import zipfile

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def sniff_document_type(upload: UploadedFile) -> str | None:
    """Return 'pdf', 'docx' or 'odt' from the file's content, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
            if "word/document.xml" in names:
                return "docx"
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    return None


def validate_document_upload(upload: UploadedFile) -> None:
    limit = settings.DOCUMENT_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise forms.ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if upload.name and "." in upload.name else ""
    actual = sniff_document_type(upload)
    if actual is None or actual != extension:
        raise forms.ValidationError(
            _("Only PDF, Word (DOCX) and OpenDocument text (ODT) files can be uploaded.")
        )


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            validate_document_upload(upload)
        return upload
