package io.switchboard.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a lost database apart from every other failure (issue 20): no connection could be had, or
 * the one in use broke. Such a failure is answered {@code 503 DATABASE_UNAVAILABLE} and ends a
 * sync as failed with {@link #REASON}, instead of passing for a wrong password or an unexpected error.
 */
public final class DatabaseUnavailable {

    /** What an API caller is told. */
    public static final String DETAIL = "The database cannot be reached, so the request was not carried out. Try"
            + " again once it is back: /actuator/health/readiness answers UP again then.";

    /** The error of a sync run that lost its database. */
    public static final String REASON = "The sync stopped because the database could not be reached. What it had"
            + " written is kept; the next sync completes the work.";

    private DatabaseUnavailable() {}

    /**
     * True when the failure, or one of its causes, is a database that cannot be reached. A commit
     * or rollback that fails in the driver counts too: the connection it needed is gone.
     */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof TransactionSystemException tx
                    && (t.getCause() instanceof SQLException || causedBy(tx.getApplicationException()))) {
                return true;
            }
            if (t instanceof SQLException sql && lost(sql)) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE class 08 (connection exception) or 57P (the server is shutting down or restarting). */
    private static boolean lost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
