import io
import zipfile

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from municipalities.models import Municipality

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office/>")
    return buffer.getvalue()


@pytest.fixture
def editor_client(client):
    client.force_login(User.objects.get(username="eksempelvik-redaktor"))
    return client


def upload(client, name, content):
    collection = Municipality.objects.get(number="9901").collection
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Skjema", "file": SimpleUploadedFile(name, content), "collection": collection.pk},
    )


@pytest.mark.parametrize(
    ("name", "content"), [("skjema.pdf", PDF), ("skjema.docx", None), ("skjema.odt", None)]
)
def test_pdf_docx_and_odt_are_accepted(editor_client, name, content):
    content = content or (docx_bytes() if name.endswith("docx") else odt_bytes())
    before = get_document_model().objects.count()
    response = upload(editor_client, name, content)
    assert response.status_code == 302
    assert get_document_model().objects.count() == before + 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("skjema.exe", b"MZ\x90\x00"),
        ("skjema.pdf", b"<html><script>alert(1)</script></html>"),  # lies about its type
        ("skjema.docx", PDF),
        ("skjema.html", b"<script>alert(1)</script>"),
    ],
)
def test_wrong_file_types_are_refused_and_nothing_saved(editor_client, name, content):
    before = get_document_model().objects.count()
    response = upload(editor_client, name, content)
    assert response.status_code == 200
    assert get_document_model().objects.count() == before
    html = response.content.decode()
    assert "PDF" in html


def test_too_large_upload_is_refused(editor_client, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 100
    before = get_document_model().objects.count()
    response = upload(editor_client, "stor.pdf", PDF + b"0" * 200)
    assert response.status_code == 200
    assert "for stor" in response.content.decode()
    assert get_document_model().objects.count() == before
