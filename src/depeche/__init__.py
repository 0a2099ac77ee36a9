"""depeche: dated French news dispatches into a queryable record of events."""
from .api import analyze, analyze_many, analyze_paths
from .config import Settings, load_settings
from .errors import DepecheError, InputError
from .models import Document
from .record import Store

__all__ = ["analyze", "analyze_many", "analyze_paths", "Document", "Settings", "load_settings",
           "DepecheError", "InputError", "Store"]
__version__ = "0.1.0"
