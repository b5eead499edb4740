"""At the door: the append-only check-in log, presence, search and station logs."""
