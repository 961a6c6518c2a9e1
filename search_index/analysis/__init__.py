"""Text analysis: normalisation and search keys, jieba segmentation, part-of-speech tags,
pinyin, the Whoosh tokenizer, and text made safe for terminals and spreadsheets."""
