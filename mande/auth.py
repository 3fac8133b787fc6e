"""Who may see the Secretariat's view: password hashes, their check, and the delay after failed attempts.

No Streamlit here (the sign-in form is in ui.py). The password itself is never stored: the app holds only its
scrypt hash, from `.streamlit/secrets.toml` ([secretariat] password_hash) or the environment
(MANDE_SECRETARIAT_PASSWORD_HASH). Make one with `python -m mande.auth`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import threading
import time

ENV_HASH = "MANDE_SECRETARIAT_PASSWORD_HASH"
# scrypt's cost: about 50 ms and 16 MB per check on these machines, slow enough to make guessing expensive.
_N, _R, _P = 2**14, 8, 1


def hash_password(password: str, salt: bytes | None = None) -> str:
    """'scrypt$N$r$p$SALT$HASH' (base64) for the password, with a new random salt unless one is given."""
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P)
    return "$".join(["scrypt", str(_N), str(_R), str(_P), _b64(salt), _b64(digest)])


def check_password(password: str, stored: str) -> bool:
    """Whether the password matches the stored hash; compared in constant time. A malformed hash never matches."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        tried = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p))
        return hmac.compare_digest(tried, base64.b64decode(digest))
    except (ValueError, TypeError):
        return False


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


class Throttle:
    """A growing wait after failed sign-ins, shared by every session of the process (so guesses from many
    sessions wait alike): 1 s after the first failure, doubling to at most 60 s; forgotten 15 minutes after the
    last failure or at a success."""

    FIRST_WAIT, LONGEST_WAIT, FORGET_AFTER = 1.0, 60.0, 15 * 60.0

    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._last_failure = 0.0

    def attempt(self) -> float:
        """Book a sign-in attempt: 0 when it may be checked now (it counts as a failure until `succeeded`), else
        the seconds left to wait. Booked before the (slow) check, so attempts made at once cannot all pass."""
        with self._lock:
            now = self._clock()
            if now - self._last_failure > self.FORGET_AFTER:
                self._failures = 0
            if self._failures:
                due = min(self.FIRST_WAIT * 2 ** (self._failures - 1), self.LONGEST_WAIT)
                left = self._last_failure + due - now
                if left > 0:
                    return left
            self._failures += 1
            self._last_failure = now
            return 0.0

    def succeeded(self) -> None:
        with self._lock:
            self._failures = 0


if __name__ == "__main__":  # python -m mande.auth: prints the hash of a password typed at the prompt
    import getpass

    typed = getpass.getpass("Secretariat password: ")
    if len(typed) < 12:
        raise SystemExit("Use at least 12 characters.")
    if getpass.getpass("Again: ") != typed:
        raise SystemExit("The two passwords differ.")
    print(hash_password(typed))
