"""Server load without browsers: N sessions at once speaking Streamlit's own WebSocket protocol, through Caddy.

    python bench/load.py [--sessions 20 50] [--rounds 3]

For one and then two public replicas, starts `deploy/serve` on a copy of the embedded data and, through
Caddy's public site, opens WebSocket sessions as a browser would (`/_stcore/stream`, subprotocol `streamlit`,
Streamlit's BackMsg and ForwardMsg protobufs from the streamlit package): each asks for a run of the Overview
and is timed until the server says the run has finished (`script_finished`), all its elements sent. No
browser draws anything, so this measures the servers alone.

First, uncounted, a few sessions warm every replica's caches. Then one session alone (median of 15), then
each `--sessions` count at once (`--rounds` rounds). Prints the median and the 95th percentile of the
concurrent sessions, and their ratio to one session alone, against the bar (20 sessions, two replicas: median
at most 2x). Beside them, the floor the machine sets, however the sessions are served: the CPU time each
session costs the whole machine (the replicas, Caddy and this generator, from /proc/stat), c; by the time half of
N sessions have finished, N/2 times c of CPU has been spent on C cores, so no median can come before N × c / (2 × C).
A measurement, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))

from tests.serve import deployment  # noqa: E402

BAR = 2.0


async def overview_run(site: str) -> float:
    """Seconds from opening a session to the end of its first run of the Overview."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    start = time.perf_counter()
    async with connect(site.replace("http://", "ws://", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                       origin=site, max_size=None, open_timeout=120) as socket:
        await socket.send(BackMsg(rerun_script=ClientState(query_string="")).SerializeToString())
        async for frame in socket:
            message = ForwardMsg()
            message.ParseFromString(frame)
            if message.WhichOneof("type") == "script_finished":
                return time.perf_counter() - start
    raise RuntimeError("the session closed before its run finished")


async def at_once(site: str, sessions: int) -> list[float]:
    return list(await asyncio.gather(*(overview_run(site) for _ in range(sessions))))


def machine_cpu_seconds() -> float:
    """CPU seconds all the machine's cores have spent working since boot (Linux's /proc/stat)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[20, 50])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if shutil.which("caddy") is None:
        print("Caddy is not installed (apt-get install caddy); nothing measured.")
        return 0
    cores = os.cpu_count() or 1
    for replicas in (1, 2):
        with tempfile.TemporaryDirectory(prefix="mande-bench-") as tmp:
            data = Path(tmp) / "data"
            shutil.copytree(REPO_DIR / "data", data, ignore=shutil.ignore_patterns(".mande"))
            env = {"MANDE_DATA": str(data), "MANDE_DB": str(Path(tmp) / "mande.duckdb")}
            with deployment(data, env, replicas=replicas) as parts:
                site = parts["public"]
                asyncio.run(at_once(site, 4 * replicas))  # warm-up: every replica's caches
                alone = statistics.median(asyncio.run(overview_run(site)) for _ in range(15))
                print(f"{replicas} replica{'s' if replicas > 1 else ''}: one session alone {alone:.2f} s "
                      "(median of 15)")
                for sessions in args.sessions:
                    cpu_before = machine_cpu_seconds()
                    times = [t for _ in range(args.rounds) for t in asyncio.run(at_once(site, sessions))]
                    cost = (machine_cpu_seconds() - cpu_before) / (args.rounds * sessions)
                    floor = sessions * cost / (2 * cores)
                    median, p95 = statistics.median(times), percentile(times, 95)
                    verdict = ""
                    if sessions == 20 and replicas == 2:
                        verdict = f"; bar {BAR:.0f}x: {'PASS' if median / alone <= BAR else 'FAIL'}"
                    print(f"  {sessions} at once: median {median:.2f} s ({median / alone:.1f}x), "
                          f"95th percentile {p95:.2f} s ({p95 / alone:.1f}x){verdict}")
                    print(f"    a session costs the machine {cost:.3f} s of CPU: on {cores} cores no median can "
                          f"come before {floor:.2f} s ({floor / alone:.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
