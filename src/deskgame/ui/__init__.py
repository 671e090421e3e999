"""The pygame front end: an app loop, a stack of scenes, and the drawing of the board."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # before anything imports pygame
