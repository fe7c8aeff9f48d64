"""The page's panels: sidebar, filters, map, details, charts, table, downloads, own data,
presenter. Each draws from the run's ``PageView``."""
