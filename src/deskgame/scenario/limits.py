"""Hard limits that keep a hand-written (or hostile) scenario from hanging the program."""

MAX_FILE_BYTES = 1024 * 1024          # 1 MiB: far above any real scenario
MAX_NODES = 100_000                   # values after alias expansion (alias bombs stop here)
MAX_ARRIVALS_PER_ROUND = 1_000_000    # expected arrivals in one round, all streams together
MAX_ROUNDS = 6
# A round may be long (a queueing check over months); what really bounds it is
# MAX_ARRIVALS_PER_ROUND.  This only stops a typo such as "4000d" for "4000h".
MAX_ROUND_DAYS = 1000
MAX_LIST_ITEMS = 200                  # team members, customers, demand entries, ...
MAX_NAME = 40                         # agent, customer and service names, ids and skills: fit on the board
MAX_TITLE = 120                       # scenario and ticket titles
MAX_TITLES = 500                      # titles per demand entry
MAX_DEVICE = 100                      # a BYOD device or app name
MAX_SKILLS = 50                       # skills per agent or demand entry
MAX_BRIEFING = 20_000                 # briefing and facilitator notes, in characters
MIN_EFFORT_MINUTES = 1 / 60           # one second: shorter work cannot be simulated sensibly
