package io.switchboard.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtensionInputTest {

    private static ExtensionInput withNumber(String number) {
        return new ExtensionInput(number, "A", null, null, null, null, null).normalized();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1001", "123456789012345", "  1001  "})
    void acceptsOneToFifteenDigits(String number) {
        withNumber(number).validate();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890123456", "10 01", "+1001", "１００１", "-1", "abc"})
    void refusesOtherNumbers(String number) {
        assertThatThrownBy(() -> withNumber(number).validate())
                .isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).code())
                .isEqualTo(ProblemCode.VALIDATION_FAILED);
    }

    @Test
    void normalizesBlanksAndDefaultsPresence() {
        ExtensionInput input = new ExtensionInput(" 1001 ", "  ", " Smith ", "", null, "\t", null).normalized();

        assertThat(input.number()).isEqualTo("1001");
        assertThat(input.firstName()).isNull();
        assertThat(input.lastName()).isEqualTo("Smith");
        assertThat(input.email()).isNull();
        assertThat(input.jobTitle()).isNull();
        assertThat(input.presence()).isEqualTo(Presence.AVAILABLE);
    }

    @Test
    void reportsTheChangedFields() {
        ExtensionInput a = new ExtensionInput("1", "A", "B", "a@x.io", "1", "T", Presence.AWAY);
        ExtensionInput b = new ExtensionInput("1", "A", "C", "a@x.io", "2", "T", Presence.AVAILABLE);

        assertThat(b.changedFrom(a)).containsExactly("lastName", "mobileNumber", "presence");
    }

    @Test
    void lockedFieldsOfASyncedExtension() {
        Extension synced = new Extension(
                null,
                "1",
                "A",
                null,
                null,
                null,
                null,
                Presence.AVAILABLE,
                Origin.MICROSOFT_365,
                "s",
                false,
                null,
                null);
        Extension local = new Extension(
                null, "1", "A", null, null, null, null, Presence.AVAILABLE, Origin.LOCAL, null, false, null, null);

        assertThat(synced.lockedFields()).containsExactly("firstName", "lastName", "email", "mobileNumber", "jobTitle");
        assertThat(local.lockedFields()).isEmpty();
    }
}
