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
    assert throttle.wait() == 0
    waits = []
    for _ in range(8):
        throttle.failed()
        waits.append(throttle.wait())
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]  # doubling, at most a minute
    clock.now += 30
    assert throttle.wait() == 30  # the time already waited counts
    throttle.succeeded()
    assert throttle.wait() == 0
    throttle.failed()
    clock.now += auth.Throttle.FORGET_AFTER + 1
    assert throttle.wait() == 0
    throttle.failed()  # the earlier failure was forgotten: this is a first failure again
    assert throttle.wait() == 1
