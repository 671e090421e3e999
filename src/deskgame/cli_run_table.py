"""The table ``deskgame run`` prints: one row per round, laid out for an 80-column terminal."""

from __future__ import annotations


def _round_status(record: dict, outsourced: bool) -> str:  # type: ignore[type-arg]
    """How the business judged the round: as the debrief and the end screen say it."""
    if outsourced:
        return "outsourced"
    return "on notice" if record.get("on_notice") else "ok"


# The run table's columns: (heading, how a round's figures fill it).  Headings take two
# lines and units live in them, so that twelve columns fit an 80-column terminal.
_KPI_COLUMNS = ("round", "trust", "CSAT", "SLA\nmet", "FCR", "wait\n(min)", "back-\nlog", "morale",
                "hidden\n(min)", "resolved", "score", "status")
RUN_WIDTH = 80   # the narrowest terminal the table is laid out for


def notice_notes(results: dict, line: float) -> list[str]:  # type: ignore[type-arg]
    """Why a round's status is what it is, one line per round on notice (or the round that
    was outsourced): the verdict is on trust, not on CSAT or SLA, so a round can read well
    on those and still be on notice."""
    notes = []
    last = len(results["rounds"]) - 1
    for i, r in enumerate(results["rounds"]):
        status = _round_status(r, results["ended"] == "outsourced" and i == last)
        if status != "ok":
            notes.append(f"Round {r['round']} {status}: trust {r['kpis']['trust']:.1f} below the "
                         f"outsourcing line {line:g}.")
    if notes:
        notes.append("Trust weighs each department's satisfaction by its influence on the business; "
                     "the notice goes by trust, not by CSAT (the mean rating of fixes) or SLA.")
    return notes


def print_run_table(results: dict, line: float) -> None:  # type: ignore[type-arg]
    """The table, then why any round is on notice (``line``: the scenario's
    ``scoring.outsourcing_below``)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{results['scenario']['title']} — {results['policy']}, seed {results['seed']}",
                  box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 0))
    for column in _KPI_COLUMNS:  # the status is one phrase: "on notice" never splits
        table.add_column(column, justify="right", no_wrap=column == "status")
    last = len(results["rounds"]) - 1
    for i, r in enumerate(results["rounds"]):
        k = r["kpis"]
        table.add_row(str(r["round"]), f"{k['trust']:.1f}", f"{k['csat']:.1f}", f"{k['sla_met']:.0%}",
                      f"{k['fcr']:.0%}", f"{k['mean_wait_min']:.1f}", str(k["backlog_end"]),
                      f"{k['morale']:.0%}", f"{k['hidden_work_min']:.0f}",
                      f"{k['resolved']}/{r['arrived']}", f"{r['score']:.1f}",
                      _round_status(r, results["ended"] == "outsourced" and i == last))
    terminal = Console()
    console = Console(width=terminal.width if terminal.is_terminal else RUN_WIDTH)
    console.print(table)
    for note in notice_notes(results, line):
        console.print(note)
    for r in results["rounds"]:
        if r["improvements"] or r["commitment"]:
            cards = ", ".join(r["improvements"]) or "no cards"
            said = f' — "{r["commitment"]}"' if r["commitment"] else ""
            console.print(f"Round {r['round']} began with {cards}{said}")
    ended = {"completed": "completed", "outsourced": "OUTSOURCED: the business gave the desk away"}
    console.print(f"Session score {results['score']:.1f} ({ended.get(results['ended'], results['ended'])})")
