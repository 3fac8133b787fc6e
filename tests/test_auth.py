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


def test_each_failure_doubles_the_wait_and_a_success_or_time_forgets_them():
    clock = Clock()
    throttle = auth.Throttle(clock)
    waits = []
    for _ in range(8):
        assert throttle.attempt() == 0  # checked now, and counted as a failure until it succeeds
        waits.append(throttle.attempt())  # the next one, straight after, must wait
        clock.now += waits[-1]
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]  # doubling, at most a minute
    assert throttle.attempt() == 0
    clock.now += 30
    assert throttle.attempt() == 30  # the time already waited counts
    throttle.succeeded()
    assert throttle.attempt() == 0
    clock.now += auth.Throttle.FORGET_AFTER + 1
    assert throttle.attempt() == 0  # the failure before was forgotten: this is a first failure again
    assert throttle.attempt() == 1


def test_attempts_made_at_once_cannot_all_be_checked():
    throttle = auth.Throttle(Clock())
    assert [throttle.attempt() for _ in range(3)] == [0, 1, 1]  # booked before the slow check, not after
