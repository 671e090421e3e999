"""The play board, drawn in parts: layout, top bar, queue, team, feeds, detail, overlays."""
