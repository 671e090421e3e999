"""What the play board says to the room: confirmations, refusals and first-time hints.

Why apart from the play scene: the rules of who speaks when (a ringing call's hint is
not covered by a confirmation about something else; a confirmation about the selected
ticket is said in its panel, so the ticker stays in sight) are their own job.  A mixin of
``PlayScene``: it reads the scene's ``live``, ``board``, ``selected`` and message state.
"""

from __future__ import annotations

from deskgame.ui.board.detail import note_lines
from deskgame.ui.board.feed import feed_floor
from deskgame.ui.board.overlays import toast_box
from deskgame.ui.hints import CALL_HINTS

FIRST_TIME_HINTS = CALL_HINTS  # the words live in ui/hints.py, with the tutorial's
HINT_FRAMES = 480  # a call's first-time hint stays this many frames (8 s at 60 fps) while its call rings


class BoardMessages:
    """The board's one message at a time, the hints queued behind it, and where it is said."""

    def say(self, text: str, frames: int = 180) -> None:
        """Tell the room on the board (the facilitator console's word after an injection)."""
        self._say(text, frames)

    def _say(self, text: str, frames: int = 180, kind: str | None = None, call: str | None = None,
             short: str | None = None, about: str | None = None) -> None:
        """Say it now (a refusal or a confirmation); queued hints wait their turn, and a hint it
        covers comes back after it while its call still rings.  ``short`` is the same in fewer
        words, said instead when the whole would cover the feed's newest moment.  ``about`` names
        the ticket a confirmation is about: while it is selected, its panel says it."""
        if call is None and self.message_frames and self._ringing(self.message_call):
            self.hints.appendleft((self.message, self.message_kind or "", self.message_call or ""))
        self.message = text
        self.message_frames = frames
        self.message_kind = kind
        self.message_call = call
        self.message_short = short
        self.message_about = about
        if kind is not None:
            self.hints_seen.add(kind)

    def _ringing(self, call: str | None) -> bool:
        ticket = self.live.world.tickets.get(call) if call else None
        return ticket is not None and ticket.call_pending

    def _hint(self, text: str, kind: str, call: str) -> None:
        """A call's first-time hint: it waits only behind another ringing call's hint; a
        confirmation or a refusal already said gives way to it (a room saw "Update sent to Sales"
        while an end-run rang, its hint queued behind one for a call already answered)."""
        if self.message_frames and self._ringing(self.message_call) and self.message != text:
            self.hints.append((text, kind, call))
        else:
            self._say(text, frames=HINT_FRAMES, kind=kind, call=call)

    def _next_hint(self) -> None:
        """Show the next queued hint whose call still rings; a hint about a call that is gone
        is dropped, and if it was never on the board its kind is hinted at the next such call."""
        while self.hints:
            text, kind, call = self.hints.popleft()
            if self._ringing(call):
                self._say(text, frames=HINT_FRAMES, kind=kind, call=call)
                return
            if kind not in self.hints_seen:
                self.app.hinted.discard(kind)

    def shown_message(self) -> str:
        """The board's message, but never a call's hint beside another kind of call: with a
        ringing call selected, its own kind's hint stands in (a room reads the two together)."""
        selected = self.selected_ticket()
        if (self.message_kind is not None and selected is not None and selected.call_pending
                and selected.kind != self.message_kind and selected.kind in FIRST_TIME_HINTS):
            return FIRST_TIME_HINTS[selected.kind]
        return self.message

    def panel_note(self) -> list[str] | None:
        """A confirmation about the selected ticket, wrapped for its panel (the facts give way
        for a moment), or None: it is not about the ticket in the panel, or it does not fit."""
        if not self.message_frames or self.message_about is None or self.message_about != self.selected:
            return None
        if self.shown_message() != self.message:
            return None
        return note_lines(self.live.world, self.selected_ticket(), self.message, self.message_short)

    def board_message(self) -> str:
        """The message at the feed's foot now ("" for none): none while the selected ticket's
        panel says it; its short form when the whole would reach up over the feed's newest
        moment (a room saw every P or U press hide the ticker)."""
        if not self.message_frames or self.panel_note() is not None:
            return ""
        message = self.shown_message()
        if message == self.message and self.message_short:
            box = toast_box(message, self.board.feed)[0]
            if box.top - self.board.feed.y < feed_floor(self.board, self.live.world):
                return self.message_short
        return message
