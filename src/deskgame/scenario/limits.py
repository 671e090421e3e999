"""Hard limits that keep a hand-written (or hostile) scenario from hanging the program."""

MAX_FILE_BYTES = 1024 * 1024          # 1 MiB: far above any real scenario
MAX_NODES = 100_000                   # values after alias expansion (alias bombs stop here)
MAX_ARRIVALS_PER_ROUND = 1_000_000    # expected arrivals in one round, all streams together
MAX_ROUNDS = 6
# A round may be long (a queueing check over months); what really bounds it is
# MAX_ARRIVALS_PER_ROUND.  This only stops a typo such as "4000d" for "4000h".
MAX_ROUND_DAYS = 1000
MAX_LIST_ITEMS = 200                  # team members, customers, demand entries, ...
