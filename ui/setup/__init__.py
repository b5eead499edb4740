"""The setup editors: event properties, hubs, venues and facilitators."""
