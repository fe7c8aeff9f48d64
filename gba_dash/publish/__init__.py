"""What a reader takes away: the charts (``charts``), the CSV/GeoJSON exports
(``export``) and the offline bundle (``bundle``, from ``templates/``)."""
