"""Entry point: ``streamlit run app.py``."""

from gba_dash.ui import main

main()
