"""The offline demo: bundled news sites served from 127.0.0.1 (`newsterm --demo`)."""
