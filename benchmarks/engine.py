"""Engine speed and memory against a bare SimPy model of the same queue (issue targets in brackets).

Usage: python benchmarks/engine.py [--arrivals 50000] [--repeat 3] [--skip-memory]

Prints, for an M/M/6 desk (7/h, exponential work of 40 min, fifo, fatigue off):
  * in-process: world time per ticket / bare SimPy time per ticket      [at most 2x]
    and, for information, against a bare SimPy queue that rates the same two moments per
    customer with the game's satisfaction model (``bare_mmc.run_rated``)
  * whole ``deskgame run`` process / bare SimPy script process          [at most 1.5x]
    (and against the rating script, ``bare_mmc.py ... rated``)
  * peak RSS per arrival, (80k - 10k) / 70k, world and ``run --out``    [1 KB, 1.5 KB]
  * an overloaded desk (17% above capacity, 80k arrivals): triage / fifo [at most 1.3x]
    and 80k / 10k arrivals                                              [at most 9x]
Timings are the least CPU time of ``--repeat`` runs (CPU, not wall time: the machine is
shared), measured in one run so ratios compare.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bare_mmc

from deskgame.engine.world import World
from deskgame.policies import make_policy
from deskgame.scenario import load_scenario_text
from deskgame.scenario.reference import mmc_text
from deskgame.session.runner import run_session

AGENTS, RATE_PER_H, MEAN_MIN = 6, 7.0, 40.0



def desk_text(rate_per_h: float, minutes: float) -> str:
    return mmc_text(AGENTS, rate_per_h, MEAN_MIN, f"{minutes / 60:.6f}h",
                    title=f"M/M/{AGENTS} benchmark desk")


def minutes_for(arrivals: int, rate_per_h: float) -> float:
    return arrivals / rate_per_h * 60


def bare_simpy(rate_per_min: float, minutes: float, seed: int) -> int:
    return bare_mmc.run(rate_per_min, MEAN_MIN, AGENTS, minutes, seed)


def world_only(text: str, seed: int) -> int:
    scenario = load_scenario_text(text)
    world = World(scenario, seed, keep_log=False)
    world.start_round(1)
    world.advance_to(world.round_end)
    return sum(1 for t in world.tickets.values() if t.resolved is not None)


def best(run, repeat: int) -> tuple[float, object]:
    """The least CPU time (this process) of ``repeat`` runs: CPU time, not wall time, because
    the machine is shared and other work on it would stretch wall times unevenly."""
    times, result = [], None
    for _ in range(repeat):
        result = None
        gc.collect()  # the last run's world is garbage in cycles: collect it now, not on this run's clock
        start = time.process_time()
        result = run()
        times.append(time.process_time() - start)
    return min(times), result


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_seconds(argv: list[str], repeat: int) -> float:
    """The least CPU time (user + system) of ``repeat`` runs of a whole process."""
    times = []
    for _ in range(repeat):
        start = _children_cpu()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(_children_cpu() - start)
    return min(times)


# A child's own peak resident memory.  Not ``ru_maxrss``: on Linux a child started by a
# large parent inherits the parent's high-water mark through fork and exec, so the small
# run's figure was the benchmark's own size and "80k minus 10k" came out far too small
# (410 B a ticket reported, 1,010 B measured from a shell).  ``VmHWM`` belongs to the
# process's own address space, which exec makes new.
OWN_PEAK = """def own_peak_kb():
    try:
        with open('/proc/self/status') as status:
            for line in status:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

PEAK = OWN_PEAK + ("import sys, runpy; sys.argv = {argv!r}; "
                   "code = 0\ntry:\n    runpy.run_module('{module}', run_name='__main__')\n"
                   "except SystemExit as stop:\n    code = stop.code or 0\n"
                   "print(own_peak_kb(), file=sys.stderr)")


def peak_kb(module: str, argv: list[str]) -> int:
    done = subprocess.run([sys.executable, "-c", PEAK.format(argv=argv, module=module)],
                          capture_output=True, text=True, check=True)
    return int(done.stderr.strip().splitlines()[-1])


WORLD_PEAK = OWN_PEAK + """import sys
from deskgame.scenario import load_scenario_text
from deskgame.engine.world import World
w = World(load_scenario_text(open(sys.argv[1]).read()), 1, keep_log=False)
w.start_round(1); w.advance_to(w.round_end)
print(own_peak_kb(), file=sys.stderr)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--arrivals", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-overload", action="store_true")
    args = parser.parse_args()
    figures: dict[str, float] = {}
    minutes = minutes_for(args.arrivals, RATE_PER_H)
    text = desk_text(RATE_PER_H, minutes)

    bare_s, bare_done = best(lambda: bare_simpy(RATE_PER_H / 60, minutes, 1), args.repeat)
    world_s, world_done = best(lambda: world_only(text, 1), args.repeat)
    per_bare, per_world = bare_s / bare_done, world_s / world_done
    figures["world_per_ticket_us"] = round(per_world * 1e6, 2)
    figures["bare_per_ticket_us"] = round(per_bare * 1e6, 2)
    figures["in_process_ratio"] = round(per_world / per_bare, 2)
    print(f"in-process: world {per_world * 1e6:.1f} us/ticket ({world_done} done), bare SimPy "
          f"{per_bare * 1e6:.1f} us/ticket ({bare_done} done): {figures['in_process_ratio']}x [<= 2x]")
    rated_s, rated_done = best(lambda: bare_mmc.run_rated(RATE_PER_H / 60, MEAN_MIN, AGENTS, minutes, 1),
                               args.repeat)
    per_rated = rated_s / rated_done
    figures["bare_rated_per_ticket_us"] = round(per_rated * 1e6, 2)
    figures["in_process_ratio_to_rated"] = round(per_world / per_rated, 2)
    print(f"  (bare SimPy that also rates the first answer and the fix with the game's satisfaction "
          f"model: {per_rated * 1e6:.1f} us/ticket; world / that: {figures['in_process_ratio_to_rated']}x)")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "desk.yaml"
        path.write_text(text)
        bare_script = Path(__file__).resolve().parent / "bare_mmc.py"
        run_s = process_seconds([sys.executable, "-m", "deskgame", "run", str(path), "--policy", "fifo"],
                                args.repeat)
        bare_p = process_seconds([sys.executable, str(bare_script), str(RATE_PER_H / 60), str(MEAN_MIN),
                                  str(AGENTS), str(minutes), "1"], args.repeat)
        figures["whole_run_ratio"] = round(run_s / bare_p, 2)
        print(f"whole process: deskgame run {run_s:.2f} s, bare SimPy script {bare_p:.2f} s: "
              f"{figures['whole_run_ratio']}x [<= 1.5x]")
        rated_p = process_seconds([sys.executable, str(bare_script), str(RATE_PER_H / 60), str(MEAN_MIN),
                                   str(AGENTS), str(minutes), "1", "rated"], args.repeat)
        figures["whole_run_ratio_to_rated"] = round(run_s / rated_p, 2)
        print(f"  (the rating bare SimPy script: {rated_p:.2f} s; deskgame run / that: "
              f"{figures['whole_run_ratio_to_rated']}x)")

        if not args.skip_memory:
            small, large = 10_000, 80_000
            peaks = {}
            for count in (small, large):
                p = Path(folder) / f"desk{count}.yaml"
                p.write_text(desk_text(RATE_PER_H, minutes_for(count, RATE_PER_H)))
                wp = Path(folder) / "world_peak.py"
                wp.write_text(WORLD_PEAK)
                done = subprocess.run([sys.executable, str(wp), str(p)], capture_output=True, text=True,
                                      check=True)
                peaks[("world", count)] = int(done.stderr.strip().splitlines()[-1])
                out = Path(folder) / f"out{count}.json"
                peaks[("out", count)] = peak_kb("deskgame", ["deskgame", "run", str(p), "--policy", "fifo",
                                                             "--out", str(out)])
                figures[f"results_bytes_{count}"] = out.stat().st_size
            for kind in ("world", "out"):
                per = (peaks[(kind, large)] - peaks[(kind, small)]) * 1024 / (large - small)
                figures[f"memory_{kind}_bytes_per_arrival"] = round(per)
            print(f"memory per arrival: world {figures['memory_world_bytes_per_arrival']} B [<= 1024], "
                  f"run --out {figures['memory_out_bytes_per_arrival']} B [<= 1536]; results file "
                  f"{figures[f'results_bytes_{large}'] / large:.0f} B per arrival")

    if not args.skip_overload:
        over_rate = AGENTS * 60 / MEAN_MIN * 1.17
        timings = {}
        for count in (10_000, 80_000):
            over = load_scenario_text(desk_text(over_rate, minutes_for(count, over_rate)))
            for policy in ("fifo", "triage", "triage-no-updates"):
                timings[(policy, count)] = best(
                    lambda p=policy, s=over: run_session(s, 1, make_policy(p), keep_log=False),
                    args.repeat)[0]
        big, small = 80_000, 10_000
        triage, fifo = timings[("triage", big)], timings[("fifo", big)]
        figures["overload_triage_over_fifo"] = round(triage / fifo, 2)
        figures["overload_80k_over_10k"] = round(triage / timings[("triage", small)], 2)
        figures["overload_fifo_80k_over_10k"] = round(fifo / timings[("fifo", small)], 2)
        figures["overload_triage_over_fifo_10k"] = round(
            timings[("triage", small)] / timings[("fifo", small)], 2)
        figures["overload_no_updates_over_fifo"] = round(timings[("triage-no-updates", big)] / fifo, 2)
        print(f"overloaded desk, 80k arrivals: triage {triage:.2f} s, fifo {fifo:.2f} s: "
              f"{figures['overload_triage_over_fifo']}x [<= 1.3x]; "
              f"triage 80k / 10k: {figures['overload_80k_over_10k']}x [<= 9x]")
        print(f"  (triage / fifo at 10k: {figures['overload_triage_over_fifo_10k']}x, the same as at 80k "
              f"when triage's extra cost is per decision, not per ticket waiting; fifo 80k / 10k: "
              f"{figures['overload_fifo_80k_over_10k']}x; triage without its two updates per waiting "
              f"customer / fifo: {figures['overload_no_updates_over_fifo']}x)")
    print(json.dumps(figures))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
