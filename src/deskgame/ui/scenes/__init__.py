"""One class per screen, each with handle_event / update / draw, kept on a stack."""
