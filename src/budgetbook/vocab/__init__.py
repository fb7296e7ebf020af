"""Standard vocabularies of central-government budget books, as data."""
