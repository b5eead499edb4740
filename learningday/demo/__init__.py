"""A realistic demo event built from a seed."""
