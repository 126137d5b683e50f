"""ETL: reads the published files under data/raw and builds the DuckDB warehouse."""
