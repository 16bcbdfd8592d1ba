"""Tables in and out: CSV and Excel attachment tables (no Qt)."""
