"""Reference data: the gazetteer of zones, tracks and places (``data/``) and the user dictionary."""
