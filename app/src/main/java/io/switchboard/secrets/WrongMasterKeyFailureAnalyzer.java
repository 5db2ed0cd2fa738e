package io.switchboard.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A wrong master key stops start-up with one report saying what to do, never the key (issue 20). */
class WrongMasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<WrongMasterKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WrongMasterKeyException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Start with the key that sealed them: set " + MasterKey.VARIABLE + " to the content of the key file"
                        + " master.key the installation used before (or remove " + MasterKey.VARIABLE
                        + " to use that file again). If that key is lost, the stored secrets are lost with it: see"
                        + " \"Wrong master key\" in the README to clear them, then enter the client secret and"
                        + " sign in again.",
                cause);
    }
}
