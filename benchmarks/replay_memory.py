"""Peak memory and time of ``deskgame replay`` on long sessions, streamed against read whole.

Usage: python benchmarks/replay_memory.py [ARRIVALS ...] [--keep FOLDER] [--before-src SRC]

For each size (default 100000 and 300000 arrivals) it writes a one-round M/M/12 scenario
(60 calls an hour, 10-minute mean effort, utilisation 0.83) long enough for that many
arrivals, plays it with ``deskgame run --policy triage --out`` and then replays the file
three ways, each in a fresh process whose peak resident memory (``wait4``'s ru_maxrss) and
wall time are reported:

* ``run``     the session being played and written (the floor a replay can hope for);
* ``whole``   the file read whole (``read_results``, as replay did before issue 14), then replayed;
* ``stream``  ``deskgame replay`` as it is now: the header, then one round and one ticket at a time;
* ``resume``  the file made a save (``ended: in_progress``, reached near the round's end) and
  resumed (``saves.resume``: the file checked a round at a time, the session re-run);
* ``before``  (with ``--before-src``) ``deskgame replay`` from another source tree, e.g. the
  one before issue 14: ``git archive 74b70cc src | tar -x -C /tmp/old`` then
  ``--before-src /tmp/old/src``.

Issue 14 asks that a 1,000,000-arrival session replay without parsing its file whole.
Run on an idle machine: other work shows in the times (memory is not affected).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from deskgame.scenario.reference import mmc_text

RATE_PER_HOUR = 60
AGENTS = 12
MEAN_EFFORT_MIN = 10

RESUME = ("import sys\nfrom deskgame.session.saves import resume\nresumed = resume(sys.argv[1])\n"
          "assert resumed.live.phase == 'playing', resumed.live.phase\n")
WHOLE = ("import sys\nfrom deskgame.session.replay_file import replay_whole\n"
         "verdict = replay_whole(sys.argv[1])\nassert verdict.difference is None, verdict.difference\n")


def scenario_text(arrivals: int) -> str:
    days = max(1, round(arrivals / (RATE_PER_HOUR * 24)))
    return mmc_text(AGENTS, RATE_PER_HOUR, MEAN_EFFORT_MIN, f"{days}d", "8h",
                    title=f"Long M/M/{AGENTS} ({arrivals:,} arrivals)")


def as_save(text: str) -> str:
    """A finished one-round session's results made an autosave taken at its last decision
    (``reached`` before the rounds, as deskgame writes it; the rounds a resume never reads)."""
    import json

    data = json.loads(text)
    last = max((float(d["t"]) for d in data["decisions"]), default=0.0)  # round 1 starts at 0
    saved: dict = {}
    for key, value in data.items():
        if key == "rounds":
            saved["ended"] = "in_progress"
            saved["reached"] = {"round": 1, "t": last}
        if key not in ("ended", "reached"):
            saved[key] = value
    return json.dumps(saved)


def measured(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(peak resident MB, wall seconds) of ``command`` run to completion in its own process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    error = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}): {error.strip()}")
    return usage.ru_maxrss / 1024, wall  # ru_maxrss is in KB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("arrivals", nargs="*", type=int, default=[100_000, 300_000])
    parser.add_argument("--keep", type=Path, default=None, help="write the scenarios and results files here")
    parser.add_argument("--before-src", type=Path, default=None,
                        help="also replay with the deskgame package found in this src folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="replay-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    deskgame = [sys.executable, "-m", "deskgame"]
    columns = ["run", "whole", "stream", "resume"] + (["before"] if args.before_src else [])
    print(f"{'arrivals':>9} {'file MB':>8}  " + "  ".join(f"{name:>17}" for name in columns))
    for arrivals in args.arrivals:
        scenario = folder / f"mmc-{arrivals}.yaml"
        scenario.write_text(scenario_text(arrivals), encoding="utf-8")
        results = folder / f"mmc-{arrivals}.json"
        run = measured([*deskgame, "run", str(scenario), "--policy", "triage", "--seed", "1",
                        "--out", str(results)])
        whole = measured([sys.executable, "-c", WHOLE, str(results)])
        stream = measured([*deskgame, "replay", str(results)])
        save = folder / f"mmc-{arrivals}-save.json"
        save.write_text(as_save(results.read_text(encoding="utf-8")), encoding="utf-8")
        figures = [run, whole, stream, measured([sys.executable, "-c", RESUME, str(save)])]
        save.unlink()
        if args.before_src:
            env = {**os.environ, "PYTHONPATH": str(args.before_src.resolve())}
            figures.append(measured([*deskgame, "replay", str(results)], env))
        size = results.stat().st_size / 1e6
        shown = "  ".join(f"{mb:6.0f} MB {s:6.1f} s" for mb, s in figures)
        print(f"{arrivals:>9,} {size:>8.0f}  {shown}")
        if args.keep is None:
            results.unlink()
            scenario.unlink()
    if args.keep is None:
        folder.rmdir()


if __name__ == "__main__":
    main()
