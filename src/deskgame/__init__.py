"""deskgame: an ITSM team simulation game built on a SimPy service desk."""

__version__ = "0.8.0"
