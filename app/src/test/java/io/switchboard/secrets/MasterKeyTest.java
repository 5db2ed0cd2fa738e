package io.switchboard.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.SwitchboardProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.diagnostics.FailureAnalysis;

class MasterKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void aKeyFromTheEnvironmentIsUsedAndNoKeyFileIsWritten_C7() {
        String key = randomKey();

        SecretBox one = new SecretBox(new MasterKey(new SwitchboardProperties(dataDir, null, key)));
        SecretBox other = new SecretBox(new MasterKey(new SwitchboardProperties(dataDir, null, " " + key + "\n")));

        assertThat(other.open("entra.client-secret", one.seal("entra.client-secret", "s3cret~value")))
                .isEqualTo("s3cret~value");
        assertThat(dataDir.resolve("master.key")).doesNotExist();
    }

    @Test
    void withoutAKeyInTheEnvironmentAKeyFileIsCreatedOnceAndReused_C7() throws Exception {
        SecretBox first = new SecretBox(new MasterKey(new SwitchboardProperties(dataDir, null, " ")));
        String sealed = first.seal("entra.refresh-token", "refresh");
        String file = Files.readString(dataDir.resolve("master.key"));

        SecretBox second = new SecretBox(new MasterKey(new SwitchboardProperties(dataDir, null, null)));

        assertThat(second.open("entra.refresh-token", sealed)).isEqualTo("refresh");
        assertThat(Files.readString(dataDir.resolve("master.key"))).isEqualTo(file);
    }

    @Test
    void anotherKeyDoesNotOpenWhatOneKeySealed_C7() {
        SecretBox one = new SecretBox(new MasterKey(new SwitchboardProperties(dataDir, null, randomKey())));
        SecretBox other = new SecretBox(new MasterKey(new SwitchboardProperties(dataDir, null, randomKey())));

        String sealed = one.seal("entra.client-secret", "s3cret~value");

        assertThatThrownBy(() -> other.open("entra.client-secret", sealed))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("sealed with another key")
                .hasMessageContaining("SWITCHBOARD_MASTER_KEY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64 at all!", "c2hvcnQta2V5", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void aMalformedKeyFailsNamingTheVariableButNotTheValue_C7(String malformed) {
        assertThatThrownBy(() -> new MasterKey(new SwitchboardProperties(dataDir, null, malformed)))
                .isInstanceOf(MalformedMasterKeyException.class)
                .hasMessageContaining("SWITCHBOARD_MASTER_KEY")
                .hasMessageContaining("32 random bytes")
                .hasMessageNotContaining(malformed);
        assertThat(dataDir.resolve("master.key")).doesNotExist();
    }

    @Test
    void aKeyOfTheWrongLengthSaysHowLongItIs_C7() {
        String sixteen = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> new MasterKey(new SwitchboardProperties(dataDir, null, sixteen)))
                .hasMessageContaining("decodes to 16 bytes");
    }

    @Test
    void aMalformedKeyFileIsNamedToo_C7() throws Exception {
        Files.writeString(dataDir.resolve("master.key"), "not a key!\n");

        assertThatThrownBy(() -> new MasterKey(new SwitchboardProperties(dataDir, null, null)))
                .isInstanceOf(MalformedMasterKeyException.class)
                .hasMessageContaining(dataDir.resolve("master.key").toString())
                .hasMessageContaining("not base64");
    }

    @Test
    void startUpReportsAMalformedKeyAsWhatIsWrongAndWhatToDo_C7() {
        MalformedMasterKeyException cause = new MalformedMasterKeyException("SWITCHBOARD_MASTER_KEY", "not base64");

        FailureAnalysis analysis = new MalformedMasterKeyFailureAnalyzer()
                .analyze(new IllegalStateException("Error creating bean with name 'masterKey'", cause));

        assertThat(analysis.getDescription()).isEqualTo("not base64");
        assertThat(analysis.getAction()).contains("SWITCHBOARD_MASTER_KEY", "openssl rand -base64 32");
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
