"""The public, hash-chained board of a secret ranked vote (instant runoff, STV).

Ranked ballots are counted in clear (see docs/ballot-secrecy.md), so their board cannot list the
ballots themselves: each cast appends an independent random tracking code, which nothing
published with a ballot names. The board proves that no entry was removed or slipped in after
the fact and that it holds one entry per participation; it does not say which ballot is whose.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .motions import Motion

HASH = 64  # hex of a SHA-256 or of 32 random bytes


class RankedBoard(models.Model):
    """One per secret ranked motion: the chain's start, fixed at the opening, and its head, which
    each cast moves on and the close leaves fixed."""

    HISTORY_EXEMPT_REASON = "Each cast moves the head on; a timestamped history row per cast would date every ballot."

    motion = models.OneToOneField(
        Motion, on_delete=models.PROTECT, related_name="ranked_board", verbose_name=_("motion")
    )
    genesis = models.CharField(_("chain starts from"), max_length=HASH)
    head = models.CharField(_("last hash"), max_length=HASH)
    length = models.PositiveIntegerField(_("entries"), default=0)

    class Meta:
        verbose_name = _("ranked vote board")
        verbose_name_plural = _("ranked vote boards")

    def __str__(self) -> str:
        return str(self.motion)


class RankedBoardEntry(models.Model):
    """One cast on a ranked board: its position, its random tracking code and its chain hash."""

    HISTORY_EXEMPT_REASON = (
        "A history row is timestamped next to the participation; the position already records "
        "the order, and an entry never changes."
    )

    board = models.ForeignKey(RankedBoard, on_delete=models.PROTECT, related_name="entries", verbose_name=_("board"))
    position = models.PositiveIntegerField(_("position on the board"))
    tracking_code = models.CharField(_("tracking code"), max_length=HASH, unique=True)
    chain_hash = models.CharField(_("chain hash"), max_length=HASH)

    class Meta:
        ordering = ["board", "position"]
        verbose_name = _("ranked board entry")
        verbose_name_plural = _("ranked board entries")
        constraints = [
            models.UniqueConstraint(fields=["board", "position"], name="ranked_board_position_once"),
        ]

    def __str__(self) -> str:
        return self.tracking_code
