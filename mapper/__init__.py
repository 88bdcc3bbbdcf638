"""mapper: articles -> mentions -> events -> layers -> pages / files."""
__version__ = "0.1.0"
