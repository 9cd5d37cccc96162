"""Reading `.blt` ballot files, the format public STV counters share."""

from decimal import Decimal

from governance.counting import read_blt

from .reference import election


def test_a_blt_file_gives_seats_names_groups_and_title():
    # given the three-candidate file Droop ships (42.blt)
    read = election("42")
    # then two seats, three named candidates and the two ballot lines
    assert read.seats == 2
    assert read.names == {1: "Castor", 2: "Pollux", 3: "Helen"}
    assert read.groups == [((1, 2), Decimal(4)), ((3,), Decimal(2))]
    assert read.title == "Pollux and Helen should tie"


def test_withdrawn_candidates_and_option_lines_are_left_out():
    text = '3 1\n[tie 3 2 1]\n-2\n2 2 1 0\n1 2 0\n1 3 0\n0\n"A"\n"B"\n"C"\n"Title"\n'
    read = read_blt(text)
    assert read.withdrawn == [2]
    assert read.choices == [1, 3]
    # the ballot naming only the withdrawn candidate says nothing, so it is dropped
    assert read.groups == [((1,), Decimal(2)), ((3,), Decimal(1))]


def test_a_glasgow_ward_reads_whole():
    read = election("Calton-2007")
    assert read.seats == 3 and len(read.names) == 10 and read.title == "CALTON"
    assert sum(w for _m, w in read.groups) == 5199
