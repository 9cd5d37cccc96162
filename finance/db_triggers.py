"""The database's own guard over the ledger.

- A posted entry balances: on PostgreSQL a DEFERRABLE INITIALLY DEFERRED constraint trigger
  checks, at commit, that each touched entry's debits equal its credits; on SQLite (which has no
  deferred triggers) the check runs when an entry becomes posted, its lines written first.
- A posted entry is final: its row and its lines can no longer change, on both databases.
"""

PG_FORWARD = """
CREATE OR REPLACE FUNCTION finance_check_entry_balanced() RETURNS trigger AS $$
DECLARE
    target bigint;
    difference numeric;
BEGIN
    IF TG_TABLE_NAME = 'finance_journalline' THEN
        target := COALESCE(NEW.entry_id, OLD.entry_id);
    ELSE
        target := NEW.id;
    END IF;
    SELECT COALESCE(SUM(debit), 0) - COALESCE(SUM(credit), 0) INTO difference
      FROM finance_journalline WHERE entry_id = target;
    IF difference <> 0 THEN
        RAISE EXCEPTION 'journal entry % is unbalanced: debits and credits differ by %', target, difference
            USING ERRCODE = '23514';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER finance_journalline_balanced
    AFTER INSERT OR UPDATE OR DELETE ON finance_journalline
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION finance_check_entry_balanced();
CREATE CONSTRAINT TRIGGER finance_journalentry_balanced
    AFTER INSERT OR UPDATE ON finance_journalentry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION finance_check_entry_balanced();

CREATE OR REPLACE FUNCTION finance_refuse_posted_change() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'finance_journalentry' THEN
        IF OLD.posted THEN
            RAISE EXCEPTION 'journal entry % is posted: reverse it, never edit it', OLD.id USING ERRCODE = '23514';
        END IF;
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM finance_journalentry e WHERE e.posted
               AND e.id IN (COALESCE(NEW.entry_id, OLD.entry_id), OLD.entry_id)) THEN
        RAISE EXCEPTION 'the lines of a posted journal entry never change' USING ERRCODE = '23514';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER finance_journalentry_final BEFORE UPDATE OR DELETE ON finance_journalentry
    FOR EACH ROW EXECUTE FUNCTION finance_refuse_posted_change();
CREATE TRIGGER finance_journalline_final BEFORE INSERT OR UPDATE OR DELETE ON finance_journalline
    FOR EACH ROW EXECUTE FUNCTION finance_refuse_posted_change();
"""

PG_BACKWARD = """
DROP TRIGGER IF EXISTS finance_journalline_final ON finance_journalline;
DROP TRIGGER IF EXISTS finance_journalentry_final ON finance_journalentry;
DROP FUNCTION IF EXISTS finance_refuse_posted_change();
DROP TRIGGER IF EXISTS finance_journalentry_balanced ON finance_journalentry;
DROP TRIGGER IF EXISTS finance_journalline_balanced ON finance_journalline;
DROP FUNCTION IF EXISTS finance_check_entry_balanced();
"""

SQLITE_FORWARD = [
    """CREATE TRIGGER finance_journalentry_post_balanced
    BEFORE UPDATE OF posted ON finance_journalentry
    WHEN NEW.posted AND NOT OLD.posted
    BEGIN
        SELECT RAISE(ABORT, 'journal entry is unbalanced: debits and credits differ')
        WHERE ROUND((SELECT COALESCE(SUM(debit), 0) - COALESCE(SUM(credit), 0)
                     FROM finance_journalline WHERE entry_id = NEW.id), 2) <> 0;
    END;""",
    """CREATE TRIGGER finance_journalentry_insert_balanced
    AFTER INSERT ON finance_journalentry WHEN NEW.posted
    BEGIN
        SELECT RAISE(ABORT, 'a journal entry is posted only once its balanced lines are written');
    END;""",
    """CREATE TRIGGER finance_journalentry_final_update BEFORE UPDATE ON finance_journalentry WHEN OLD.posted
    BEGIN SELECT RAISE(ABORT, 'journal entry is posted: reverse it, never edit it'); END;""",
    """CREATE TRIGGER finance_journalentry_final_delete BEFORE DELETE ON finance_journalentry WHEN OLD.posted
    BEGIN SELECT RAISE(ABORT, 'journal entry is posted: reverse it, never edit it'); END;""",
    """CREATE TRIGGER finance_journalline_final_insert BEFORE INSERT ON finance_journalline
    WHEN (SELECT posted FROM finance_journalentry WHERE id = NEW.entry_id)
    BEGIN SELECT RAISE(ABORT, 'the lines of a posted journal entry never change'); END;""",
    """CREATE TRIGGER finance_journalline_final_update BEFORE UPDATE ON finance_journalline
    WHEN (SELECT posted FROM finance_journalentry WHERE id IN (OLD.entry_id, NEW.entry_id) AND posted)
    BEGIN SELECT RAISE(ABORT, 'the lines of a posted journal entry never change'); END;""",
    """CREATE TRIGGER finance_journalline_final_delete BEFORE DELETE ON finance_journalline
    WHEN (SELECT posted FROM finance_journalentry WHERE id = OLD.entry_id)
    BEGIN SELECT RAISE(ABORT, 'the lines of a posted journal entry never change'); END;""",
]

SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {name};"
    for name in [
        "finance_journalentry_post_balanced",
        "finance_journalentry_insert_balanced",
        "finance_journalentry_final_update",
        "finance_journalentry_final_delete",
        "finance_journalline_final_insert",
        "finance_journalline_final_update",
        "finance_journalline_final_delete",
    ]
]


def install(connection) -> None:
    """Create (or replace) the ledger triggers on `connection`'s database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_BACKWARD)
            cursor.execute(PG_FORWARD)
        elif connection.vendor == "sqlite":
            for statement in SQLITE_BACKWARD + SQLITE_FORWARD:
                cursor.execute(statement)


def remove(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_BACKWARD)
        elif connection.vendor == "sqlite":
            for statement in SQLITE_BACKWARD:
                cursor.execute(statement)
