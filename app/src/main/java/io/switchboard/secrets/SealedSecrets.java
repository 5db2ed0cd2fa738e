package io.switchboard.secrets;

import java.util.List;

/** Values a module stored sealed by {@link SecretBox}, for the start-up check of the master key. */
public interface SealedSecrets {

    /** A sealed value and the purpose it was sealed for. */
    record Sealed(String purpose, String value) {}

    List<Sealed> sealedSecrets();
}
