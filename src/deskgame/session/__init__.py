"""Sessions: rounds, the headless runner, results files and replay."""
