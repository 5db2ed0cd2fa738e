package io.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.testing.Browser;
import org.junit.jupiter.api.Test;

/** The axe-core check of the browser tests finds what it is there to find (issue 16 point 7). */
class AccessibilityCheckTest {

    @Test
    void theCheckFailsOnAControlWithoutALabelAndPassesOnceItHasOne() {
        try (Browser browser = Browser.start("en-US")) {
            browser.driver()
                    .get("data:text/html;charset=utf-8,<!DOCTYPE html><html lang='en'><head><title>t</title></head>"
                            + "<body><main><h1>t</h1><input id='q'></main></body></html>");
            assertThatThrownBy(browser::assertNoSeriousAccessibilityViolations)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("label");

            browser.driver()
                    .get("data:text/html;charset=utf-8,<!DOCTYPE html><html lang='en'><head><title>t</title></head>"
                            + "<body><main><h1>t</h1><label for='q'>Search</label><input id='q'></main></body></html>");
            assertThatCode(browser::assertNoSeriousAccessibilityViolations).doesNotThrowAnyException();
        }
    }
}
