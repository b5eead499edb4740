"""The one spreadsheet import engine: encodings, delimiters, header finding, mapping, report."""
