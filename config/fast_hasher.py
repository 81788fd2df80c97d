"""A PBKDF2 hasher with few iterations, for the test suite only (config.test_settings)."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class FastPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 1000
