"""The index: the Whoosh schema, tokenizer and documents, the writer and its worker processes, the in-memory
rows (memo), columns, date columns, the 2-gram candidate index and keeping all of it fresh."""
