"""LearningDay core: the event file, the domain model and the services (no Qt, no renderers)."""

__version__ = "0.1.0"
