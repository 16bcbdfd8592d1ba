"""Dialogs of the main window. Each has a small entry point that tests can replace."""
