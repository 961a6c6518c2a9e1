"""Queries: the parser (``parser``: Whoosh syntax → a tree), the tree (``tree``), running it over
the rows (``execute``) and BM25 (``ranking``)."""
