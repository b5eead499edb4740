"""The Check-in workspace: the station, walk-ins and the kiosk."""
