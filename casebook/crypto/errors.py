"""Low-level crypto failures; the storage layer turns them into user errors."""


class CryptoError(Exception):
    """Base for failures inside ``casebook.crypto``."""


class AuthenticationFailed(CryptoError):
    """Ciphertext, associated data or key did not authenticate."""


class MalformedEnvelope(CryptoError):
    """An envelope is too short or has an unknown version tag."""


class ParametersOutOfBounds(CryptoError):
    """KDF parameters outside the bounds this version accepts."""
