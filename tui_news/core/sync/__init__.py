"""Sync with a self-hosted feed server (Fever, Google Reader): clients behind one interface."""
