"""The Live workspace: the day as it happens, per hub."""
