"""The Secretariat's password: only its hash is kept, it is checked exactly, and failures slow the next try."""

from mande import auth


def test_a_password_matches_only_its_own_hash():
    stored = auth.hash_password("correct horse battery staple")
    assert "correct horse" not in stored and stored.startswith("scrypt$")
    assert auth.check_password("correct horse battery staple", stored)
    assert not auth.check_password("correct horse battery stapler", stored)
    assert not auth.check_password("", stored)
    assert auth.hash_password("same") != auth.hash_password("same")  # a new salt each time


def test_a_malformed_or_foreign_hash_never_matches():
    for stored in ("", "plain-text-password", "scrypt$1$2$3", "md5$x$y$z$a$b", "scrypt$16384$8$1$!!$!!"):
        assert not auth.check_password("plain-text-password", stored)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


GUESSER, MEMBER = "203.0.113.9", "198.51.100.4"  # client addresses (documentation ranges)


def test_each_failure_doubles_the_wait_and_a_success_or_time_forgets_them():
    clock = Clock()
    throttle = auth.Throttle(clock)
    waits = []
    for _ in range(8):
        assert throttle.attempt("guess", GUESSER) == 0  # checked now, and counted as a failure until it succeeds
        waits.append(throttle.attempt("guess", GUESSER))  # the next one, straight after, must wait
        clock.now += waits[-1]
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]  # doubling, at most a minute
    assert throttle.attempt("guess", GUESSER) == 0
    clock.now += 30
    assert throttle.attempt("guess", GUESSER) == 30  # the time already waited counts
    throttle.succeeded("guess", GUESSER)
    assert throttle.attempt("guess", GUESSER) == 0
    clock.now += auth.Throttle.FORGET_AFTER + 1
    assert throttle.attempt("guess", GUESSER) == 0  # the failure before was forgotten: a first failure again
    assert throttle.attempt("guess", GUESSER) == 1


def test_attempts_made_at_once_cannot_all_be_checked():
    throttle = auth.Throttle(Clock())
    assert [throttle.attempt("guess", GUESSER) for _ in range(3)] == [0, 1, 1]  # booked before the slow check


def test_the_wait_follows_the_guesser_not_the_member():
    """One visitor failing once a minute must not lock out a member who signs in elsewhere under their name."""
    clock = Clock()
    throttle = auth.Throttle(clock)
    for _ in range(6):
        clock.now += 60
        assert throttle.attempt("guess", GUESSER) == 0  # once a minute: each guess is checked, and fails
    assert throttle.attempt("Ana Member", MEMBER) == 0  # another name, another address: checked at once
    throttle.succeeded("Ana Member", MEMBER)
    assert throttle.attempt("another guess", GUESSER) > 0  # the same address under a new name still waits
    assert throttle.attempt("  GUESS ", "192.0.2.1") > 0  # and the same name from a new address
    assert throttle.attempt("guess", None) > 0  # (an unknown address is one address)


def test_guesses_spread_over_many_addresses_are_bounded_per_minute():
    clock = Clock()
    throttle = auth.Throttle(clock)
    for i in range(auth.Throttle.CHECKS_PER_MINUTE):
        assert throttle.attempt(f"name {i}", f"192.0.2.{i}") == 0
        clock.now += 1
    assert throttle.attempt("Ana Member", MEMBER) == 60 - auth.Throttle.CHECKS_PER_MINUTE  # until the first is old
    clock.now += 60
    assert throttle.attempt("Ana Member", MEMBER) == 0


def test_a_wait_is_never_said_as_zero_seconds():
    assert auth.wait_words(0.2) == "1 second"
    assert auth.wait_words(1.0) == "1 second"
    assert auth.wait_words(1.01) == "2 seconds"
    assert auth.wait_words(59.5) == "60 seconds"


def test_behind_the_web_server_the_visitor_is_the_address_it_forwards():
    assert auth.client_address("203.0.113.9", "198.51.100.4") == "203.0.113.9"  # a visitor's own header: ignored
    assert auth.client_address(None, "198.51.100.4") == "198.51.100.4"  # Caddy on loopback (Streamlit: no peer)
    assert auth.client_address("127.0.0.1", "10.0.0.1, 198.51.100.4") == "198.51.100.4"  # the last one Caddy added
    assert auth.client_address(None, None) is None
    assert auth.client_address("2001:db8:1:2:3:4:5:6", None) == "2001:db8:1:2::/64"  # one household's network
    assert auth.client_address(None, "2001:db8:1:2::99") == auth.client_address("2001:db8:1:2:ffff::1", None)


def test_the_process_throttle_is_outside_streamlit_caches():
    """Any visitor's browser can make Streamlit clear its caches; the failures must survive that. (The process's
    throttle itself; tests/test_hostile.py sends the real message to the real sign-in.)"""
    import streamlit as st

    auth.THROTTLE.attempt("cache test", "192.0.2.200")
    st.cache_resource.clear()
    st.cache_data.clear()
    assert auth.THROTTLE.attempt("cache test", "192.0.2.200") > 0
    auth.THROTTLE.succeeded("cache test", "192.0.2.200")
