package io.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.reconcile.ChangeReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every sentence of the portal and the API exists in English and in Simplified Chinese (X7). */
class MessagesTest {

    private static Set<String> keys(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }

    @Test
    void everyMessageKeyExistsInBothLanguages_X7() throws IOException {
        Set<String> english = keys("messages.properties");
        Set<String> chinese = keys("messages_zh_CN.properties");

        Set<String> onlyEnglish = new TreeSet<>(english);
        onlyEnglish.removeAll(chinese);
        Set<String> onlyChinese = new TreeSet<>(chinese);
        onlyChinese.removeAll(english);

        assertThat(onlyEnglish).as("keys in messages.properties only").isEmpty();
        assertThat(onlyChinese).as("keys in messages_zh_CN.properties only").isEmpty();
        assertThat(english).contains("problem.EMAIL_TAKEN", "outcome.FAILED");
    }

    @Test
    void everyReasonOfAPlannedChangeIsRecognisedFromItsTextAndWordedInBothLanguages_X1_X7() throws IOException {
        Set<String> chinese = keys("messages_zh_CN.properties");
        for (ChangeReason code : ChangeReason.values()) {
            assertThat(ChangeReason.of(code.text("1042")))
                    .as("the code of %s is found again from its English text", code)
                    .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(code));
            assertThat(chinese).contains("m365.change." + code.name());
        }
        assertThat(ChangeReason.of(ChangeReason.SAME_EMAIL.text("1042"))
                        .orElseThrow()
                        .values())
                .containsExactly("1042");
        assertThat(ChangeReason.of("something the planner never writes")).isEmpty();
    }
}
