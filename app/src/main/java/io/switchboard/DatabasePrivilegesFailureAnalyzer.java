package io.switchboard;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A database role that may connect but not create tables stops start-up with one report saying
 * what the role needs (issue 20), instead of the migration's stack trace.
 */
class DatabasePrivilegesFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    /** SQLSTATE insufficient_privilege. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        if (!INSUFFICIENT_PRIVILEGE.equals(cause.getSQLState())) {
            return null;
        }
        return new FailureAnalysis(
                "The database role in SPRING_DATASOURCE_USERNAME may not create Switchboard's tables in the database"
                        + " of SPRING_DATASOURCE_URL (the database answered: " + cause.getMessage() + ").",
                "Make the role the owner of the database: CREATE DATABASE switchboard OWNER switchboard; for a new"
                        + " one, or ALTER DATABASE switchboard OWNER TO switchboard; for an existing one (run as a"
                        + " superuser, with your names). See \"Production on PostgreSQL\" in the README.",
                cause);
    }
}
