package io.switchboard.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a malformed master key into Spring Boot's short start-up failure report (what is wrong,
 * what to do) instead of a bean-creation stack trace (ARCHITECTURE habit 7).
 */
class MalformedMasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<MalformedMasterKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MalformedMasterKeyException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Give " + cause.source() + " the installation's key: base64 of 32 random bytes, the same on every"
                        + " instance (create one once with `openssl rand -base64 32`). Secrets already stored open"
                        + " only with the key that sealed them.",
                cause);
    }
}
