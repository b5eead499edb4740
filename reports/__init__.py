"""Renderers of core data: PDF (reportlab) and Excel (openpyxl). Never Qt, never a database session."""
