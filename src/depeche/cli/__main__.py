"""``python -m depeche.cli``."""
from .main import main

main()
