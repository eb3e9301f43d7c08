"""The bundled sample digests: the library a new user sees on first launch."""
