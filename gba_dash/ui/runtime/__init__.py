"""Patches to Streamlit's internals, kept apart from the panels: each says what it
replaces and which test guards it."""
