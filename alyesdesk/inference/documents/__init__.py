"""Documents: the signature detector and verifier backends, and the page-by-page signature check."""
