import pytest

from handlingsveileder.models import HandlingsveilederPage
from municipalities.models import Municipality

HOSTS = {"9901": "eksempelvik.localhost", "9902": "fjordvik.localhost"}


def guide_of(number: str) -> HandlingsveilederPage:
    home = Municipality.objects.get(number=number).site.root_page
    return HandlingsveilederPage.objects.child_of(home).get()


@pytest.fixture
def guide():
    return guide_of("9901")


@pytest.fixture
def get(client):
    def fetch(path, number="9901", **extra):
        return client.get(path, HTTP_HOST=HOSTS[number], **extra)

    return fetch
