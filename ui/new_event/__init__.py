"""The New Event wizard: the event, its hubs with their clocks, the levels."""
