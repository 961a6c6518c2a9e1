"""Ingest: find and decode corpus files, read every format into records, clean, reflow OCR'd
pages, split them into articles, read header blocks and date every article."""
