"""The look the charts share: colours safe for colour blindness, type large enough for a projector, and the
one way a figure that rests on illustrative data is marked."""

from __future__ import annotations

import altair as alt

# Okabe-Ito colours, safe for the common forms of colour blindness; every mark also carries a text label.
STATUS_COLOURS = {"party": "#0072B2", "signatory": "#E69F00", "no action": "#999999"}
ACCENT = "#D55E00"
OUTSIDE = "#E8E8E8"  # the rest of the world: territories, and States outside the chosen group
NOT_RECORDED_COLOUR = "#666666"
REGIONAL_GROUP_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#999999"]
# Large enough to read from the back of a room when a delegate shows the page on a projector.
BIG = {"labelFontSize": 15, "titleFontSize": 15}


def years(title: str | None = None) -> alt.X:
    """The years along the x axis, in big type, read without turning the head."""
    return alt.X("year:O", title=title, axis=alt.Axis(labelAngle=0, **BIG))


def illustrative_border(width: float, plain_width: float) -> dict:
    """The encodings of a border dashed (and `width` wide) where the row is illustrative, plain elsewhere."""
    return {
        "strokeDash": alt.condition("datum.illustrative", alt.value([5, 3]), alt.value([1, 0])),
        "strokeWidth": alt.condition("datum.illustrative", alt.value(width), alt.value(plain_width)),
    }
