import sys
from pathlib import Path

# The kit is imported from the source tree, as workers do (PYTHONPATH=python).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
