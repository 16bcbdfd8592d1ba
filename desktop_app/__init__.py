"""政务信息报送考核 — the desktop program: Qt views over the ``scoring`` domain, and the command line."""

APP_NAME = "政务信息报送考核"
ORGANIZATION = "InfoScore"
__version__ = "1.0.0"  # keep equal to pyproject.toml (a test checks)
