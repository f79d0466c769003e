"""Rasa custom components for Japanese (the fugashi tokenizer reuses faq.text.JapaneseAnalyzer)."""
