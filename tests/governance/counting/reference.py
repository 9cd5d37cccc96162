"""Reading the reference counts (Droop's tab-separated dumps) that the tests compare against."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

from governance.counting import Election, read_blt

DATA = Path(__file__).parent / "data"


@dataclass
class Row:
    round: int | None  # None for the final "X" row
    action: str
    quota: Decimal | None
    states: dict[str, str]  # name -> H (hopeful), e/E (elected), D (defeated)
    votes: dict[str, Decimal]


def election(name: str) -> Election:
    """Read `data/<name>.blt`."""
    return read_blt((DATA / f"{name}.blt").read_text())


def dump(name: str) -> list[Row]:
    """Read `data/<name>.txt`, one row per logged action (log lines skipped)."""
    lines = (DATA / f"{name}.txt").read_text().splitlines()
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        if cells[1] in ("log", "round", "iterate", "tie") or len(cells) < len(header):
            continue
        record = dict(zip(header, cells, strict=False))
        names = [record[h] for h in header if h.endswith(".name")]
        # The reference keeps a trailing space of the file's names; the reader drops it.
        name = {i: " ".join(record[f"{i}.name"].split()) for i in range(1, len(names) + 1)}
        states = {name[i]: record[f"{i}.state"] for i in name}
        votes = {name[i]: Decimal(record[f"{i}.vote"]) for i in name}
        number = None if cells[0] == "X" else int(cells[0])
        rows.append(Row(number, cells[1], Decimal(record["Quota"]), states, votes))
    return rows


def shown(value: Fraction, places: int) -> Decimal:
    """Return `value` truncated to `places` decimals, as the reference prints it."""
    scale = 10**places
    return Decimal(value.numerator * scale // value.denominator) / scale


def rounded(value: Fraction, places: int) -> Decimal:
    """Return `value` rounded half up to `places` decimals, as the rational reference prints it."""
    with localcontext() as context:
        context.prec = 60
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
