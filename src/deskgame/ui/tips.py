"""What each meter means (kept for older imports; the words live in ``ui.help_texts``)."""

from deskgame.ui.help_texts import METER_TIPS

__all__ = ["METER_TIPS"]
