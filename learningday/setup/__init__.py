"""What an event is set up from: the event, hubs, venues, facilitators, levels, roles, cities, clocks."""
