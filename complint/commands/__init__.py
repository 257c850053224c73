"""One module per CLI command; `complint.cli` registers them."""
