"""PyInstaller runtime hook: mediapipe.solutions imports matplotlib only for its plotting helpers, which the
station never calls. An empty stand-in keeps ~40 MB of Matplotlib out of the bundle."""

import sys
import types

if "matplotlib" not in sys.modules:
    _mpl = types.ModuleType("matplotlib")
    _mpl.pyplot = types.ModuleType("matplotlib.pyplot")
    sys.modules["matplotlib"] = _mpl
    sys.modules["matplotlib.pyplot"] = _mpl.pyplot
