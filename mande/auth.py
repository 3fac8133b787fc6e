"""Who may see the Secretariat's view: password hashes, their check, and the delay after failed attempts.

No Streamlit here (the sign-in form is in mande/ui/access.py). The password itself is never stored: the app
holds only its scrypt hash, from `.streamlit/secrets.toml` ([secretariat] password_hash) or the environment
(MANDE_SECRETARIAT_PASSWORD_HASH). Make one with `python -m mande.auth`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import math
import os
import threading
import time
from collections import deque

from mande.words import counted

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
    """How long a sign-in attempt must wait after failed ones.

    Failures are counted per name and per client address, and each doubles the wait for both: 1 s after the
    first, at most 60 s. So guesses from one address, or at one name, are slowed at once, while a member who
    signs in from elsewhere under their own name is not kept waiting by someone else's guesses. Over every name
    and address together at most CHECKS_PER_MINUTE passwords are checked, which slows guesses spread over many
    addresses too. A key's failures are forgotten 15 minutes after its last one, or at a success.
    """

    FIRST_WAIT, LONGEST_WAIT, FORGET_AFTER = 1.0, 60.0, 15 * 60.0
    CHECKS_PER_MINUTE = 10  # a person signing in needs a handful; this bounds the remembered keys as well

    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float]] = {}  # key -> (failures, time of the last one)
        self._checks: deque[float] = deque()  # when each password of the last minute was checked

    @staticmethod
    def _keys(name: str, address: str | None) -> tuple[str, str]:
        return "name:" + name.strip().casefold(), "address:" + (address or "unknown")

    def attempt(self, name: str, address: str | None) -> float:
        """Book a sign-in attempt: 0 when it may be checked now (it counts as a failure until `succeeded`), else
        the seconds left to wait. Booked before the (slow) check, so attempts made at once cannot all pass."""
        keys = self._keys(name, address)
        with self._lock:
            now = self._clock()
            self._failures = {k: v for k, v in self._failures.items() if now - v[1] <= self.FORGET_AFTER}
            while self._checks and self._checks[0] <= now - 60:
                self._checks.popleft()
            left = max(self._left(key, now) for key in keys)
            if len(self._checks) >= self.CHECKS_PER_MINUTE:
                left = max(left, self._checks[0] + 60 - now)
            if left > 0:
                return left
            self._checks.append(now)
            for key in keys:
                self._failures[key] = (self._failures.get(key, (0, now))[0] + 1, now)
            return 0.0

    def _left(self, key: str, now: float) -> float:
        failures, last = self._failures.get(key, (0, now))
        if not failures:
            return 0.0
        return last + min(self.FIRST_WAIT * 2 ** (failures - 1), self.LONGEST_WAIT) - now

    def succeeded(self, name: str, address: str | None) -> None:
        with self._lock:
            for key in self._keys(name, address):
                self._failures.pop(key, None)


def client_address(peer: str | None, forwarded_for: str | None) -> str | None:
    """Whom a sign-in attempt comes from: the address that reached the server, or, when that is this machine's
    own web server (Caddy, which replaces any X-Forwarded-For a visitor sends with the visitor's address), the
    last address it forwards. Streamlit gives no peer for a loopback connection. An IPv6 address stands for
    its /64 network, which one household or server usually holds whole."""
    parsed = _ip(peer)
    if parsed is None or parsed.is_loopback:
        peer = (forwarded_for or "").split(",")[-1].strip() or peer
        parsed = _ip(peer)
    if parsed is not None and parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return peer


def _ip(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text) if text else None
    except ValueError:
        return None


# The process's one throttle. Not in a Streamlit cache: any visitor's browser can tell Streamlit to clear its
# caches (the message behind the menu's "Clear cache"), which would wipe the failures with them.
THROTTLE = Throttle()


def wait_words(seconds: float) -> str:
    """'1 second', '12 seconds': a wait as a person reads it, rounded up, so never '0 seconds'."""
    return counted(max(1, math.ceil(seconds)), "{n} second", "{n} seconds")


if __name__ == "__main__":  # python -m mande.auth: prints the hash of a password typed at the prompt
    import getpass

    typed = getpass.getpass("Secretariat password: ")
    if len(typed) < 12:
        raise SystemExit("Use at least 12 characters.")
    if getpass.getpass("Again: ") != typed:
        raise SystemExit("The two passwords differ.")
    print(hash_password(typed))
