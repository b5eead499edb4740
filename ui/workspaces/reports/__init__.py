"""The Reports workspace: live figures and the report files."""
