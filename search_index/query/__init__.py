"""Queries: the parser (``parser``) and the compiled tree, its execution and ranking (``matching``)."""
