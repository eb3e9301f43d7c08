"""The Insights window: topic trends, emerging terms and the weekly recap (reader.library.insights)."""
