"""The pygame front end: an app loop, a stack of scenes, and the drawing of the board."""
