"""The one shape of a money column, shared by every app's models, reads and checks."""

# Two places of cents and up to 999,999,999,999.99: the columns, the exact-decimal checks in the
# services and the output fields of aggregates all use it, so a value one accepts the others hold.
MONEY = {"max_digits": 14, "decimal_places": 2}
