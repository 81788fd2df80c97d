"""Fødselsnummer: validated with python-stdnum, stored encrypted, looked up by a keyed hash.

The number itself is only ever decrypted to show it to someone entitled to the log; it never
goes into URLs, logs, page titles or e-mails.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.no import fodselsnummer


def clean_fnr(value: str) -> str:
    """The 11 digits of a valid fødselsnummer (D- and H-numbers included), or a Norwegian
    ValidationError that never repeats the number."""
    try:
        return fodselsnummer.validate(value)
    except InvalidLength:
        raise ValidationError(
            _("A national identity number has 11 digits."), code="length"
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            _("The national identity number is not valid (check digits do not match)."),
            code="checksum",
        ) from None
    except InvalidComponent:
        raise ValidationError(
            _("The national identity number does not contain a valid date of birth."),
            code="date",
        ) from None
    except StdnumError:
        raise ValidationError(
            _("A national identity number has 11 digits and nothing else."), code="format"
        ) from None


@cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in settings.SAMHANDLING_FNR_KEYS])


def seal(text: str) -> str:
    """Encrypted with the fødselsnummer keys: for anything that holds one (a number, an ID
    token from ID-porten)."""
    return _fernet().encrypt(text.encode()).decode()


def unseal(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def encrypt_fnr(fnr: str) -> str:
    return seal(fnr)


def decrypt_fnr(token: str) -> str:
    return unseal(token)


def fnr_hash(fnr: str) -> str:
    key = settings.SAMHANDLING_FNR_HASH_KEY.encode()
    return hmac.new(key, fnr.encode(), hashlib.sha256).hexdigest()


def masked(fnr: str) -> str:
    """Date of birth part only, for screens that just need to tell people apart."""
    return f"{fnr[:6]} *****"
