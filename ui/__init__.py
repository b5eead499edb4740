"""The two faces of LearningDay: the command line (no Qt) and the PySide6 desktop app."""
