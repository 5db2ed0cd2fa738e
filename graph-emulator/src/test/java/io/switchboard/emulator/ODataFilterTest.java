package io.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code $filter} subset: operators, precedence, case-insensitive strings, and which operators are advanced. */
class ODataFilterTest {

    private static final Set<String> PROPS =
            Set.of("displayName", "accountEnabled", "userType", "groupTypes", "id", "mail");

    private static boolean matches(String filter, Map<String, Object> object) {
        return ODataFilter.parse(filter, PROPS).predicate().test(object::get);
    }

    @Test
    void evaluatesComparisonsFunctionsAndLambdas() {
        Map<String, Object> o = Map.of(
                "displayName",
                "Zoë O'Brien",
                "accountEnabled",
                true,
                "userType",
                "Member",
                "groupTypes",
                List.of("Unified"),
                "id",
                "abc",
                "mail",
                "Zoe@Contoso.com");
        assertThat(matches("accountEnabled eq true and userType eq 'member'", o))
                .isTrue();
        assertThat(matches("startswith(displayName,'zoë o''b')", o)).isTrue();
        assertThat(matches("id in ('x','ABC')", o)).isTrue();
        assertThat(matches("groupTypes/any(c:c eq 'Unified')", o)).isTrue();
        assertThat(matches("userType eq 'Guest' or (accountEnabled eq true and not(mail eq null))", o))
                .isTrue();
        assertThat(matches("accountEnabled eq false", o)).isFalse();
    }

    @Test
    void reportsTheFirstAdvancedOperator() {
        assertThat(ODataFilter.parse("endswith(mail,'.com')", PROPS).advancedOperator())
                .isEqualTo("endsWith");
        assertThat(ODataFilter.parse("userType ne 'Guest'", PROPS).advancedOperator())
                .isEqualTo("ne");
        assertThat(ODataFilter.parse("userType eq 'Guest'", PROPS).advancedOperator())
                .isNull();
    }

    @Test
    void rejectsUnknownPropertiesAndBadSyntax() {
        assertThatThrownBy(() -> ODataFilter.parse("bogus eq 1", PROPS))
                .isInstanceOf(ODataFilter.UnsupportedFilterException.class);
        assertThatThrownBy(() -> ODataFilter.parse("userType eq 'open", PROPS))
                .isInstanceOf(ODataFilter.UnsupportedFilterException.class);
        assertThatThrownBy(() -> ODataFilter.parse("userType eq", PROPS))
                .isInstanceOf(ODataFilter.UnsupportedFilterException.class);
    }
}
