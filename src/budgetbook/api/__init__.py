"""The HTTP application: REST API under /api and the web explorer, one FastAPI app."""
