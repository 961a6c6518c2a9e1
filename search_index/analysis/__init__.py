"""Text analysis: normalisation and search keys, jieba segmentation, part-of-speech tags,
pinyin, and text made safe for terminals and spreadsheets."""
