"""Evaluations against public labelled data (read from ../shared/data, never copied here)."""
