"""Daily Papers Reader: read Korean Hugging Face Daily Papers digests offline."""

__version__ = "0.1.0"
