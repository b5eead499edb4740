"""The one analytics pass over an event and the plain data it hands the renderers."""
