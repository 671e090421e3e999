"""Reports over many sessions: ``deskgame balance`` (and, later, the debrief)."""
