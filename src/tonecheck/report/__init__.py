"""Output: DataFrames, files, the terminal table and the HTML report."""
