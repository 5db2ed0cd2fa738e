package io.switchboard.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The lookup table of X5: numbers as people and phones write them, in many countries. */
class PhoneNumbersTest {

    @ParameterizedTest(name = "X5: \"{0}\" with default country {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            +1 (425) 555-0100              | US | +14255550100
            425.555.0100                   | US | +14255550100
            tel:+14255550100               | DE | +14255550100
            00 44 20 7946 0958             | DE | +442079460958
            00 44 20 7946 0958             | US | +442079460958
            011 44 20 7946 0958            | US | +442079460958
            ＋１ ４２５ ５５５ ０１００          | CN | +14255550100
            ４２５．５５５．０１００              | US | +14255550100
            (425) 555-0100;ext=12          | US | +14255550100
            tel:+1-425-555-0100;ext=12     | CN | +14255550100
            425-555-0100 x12               | US | +14255550100
            +1 425 555 0100 ext. 12        | GB | +14255550100
            14255550100                    | US | +14255550100
            1-425-555-0100                 | US | +14255550100
            425 555 0100                   | CA | +14255550100
            +1 425 555 0100                | JP | +14255550100
            020 7946 0958                  | GB | +442079460958
            +44 (0)20 7946 0958            | US | +442079460958
            0044 20 7946 0958              | GB | +442079460958
            07700 900123                   | GB | +447700900123
            030 12345678                   | DE | +493012345678
            +49 30 12345678                | US | +493012345678
            0049 30 12345678               | FR | +493012345678
            010 1234 5678                  | CN | +861012345678
            138 0013 8000                  | CN | +8613800138000
            +86 138 0013 8000              | US | +8613800138000
            01 23 45 67 89                 | FR | +33123456789
            06 12 34 56 78                 | FR | +33612345678
            03-1234-5678                   | JP | +81312345678
            090-1234-5678                  | JP | +819012345678
            (02) 9876 5432                 | AU | +61298765432
            0412 345 678                   | AU | +61412345678
            +61 412 345 678                | CN | +61412345678
            98765 43210                    | IN | +919876543210
            (11) 91234-5678                | BR | +5511912345678
            +55 11 91234-5678              | US | +5511912345678
            6123 4567                      | SG | +6561234567
            2123 4567                      | HK | +85221234567
            """)
    void readsTheNumberAsE164WithTheDefaultCountry_X5(String written, String country, String e164) {
        assertThat(PhoneNumbers.e164(written, country)).isEqualTo(e164);
        assertThat(PhoneNumbers.matchKey(written, country)).isEqualTo(PhoneNumbers.matchKey(e164, "ZZ"));
        assertThat(PhoneNumbers.readable(written, country)).isTrue();
    }

    @ParameterizedTest(name = "X5: \"{0}\" has the index key of {1}")
    @CsvSource(delimiter = '|', textBlock = """
            020 7946 0958                  | +442079460958
            00 44 20 7946 0958             | +442079460958
            +44 (0)20 7946 0958            | +442079460958
            ４２５．５５５．０１００              | +14255550100
            425-555-0100 x12               | +14255550100
            tel:+1-425-555-0100;ext=987654 | +14255550100
            090-1234-5678                  | +819012345678
            011 15-2345-6789               | +5491123456789
            1001                           | 1001
            """)
    void theIndexKeyIsTheSameWhateverTheCountryAndFormat_X5(String written, String e164) {
        assertThat(PhoneNumbers.suffix(written)).isEqualTo(PhoneNumbers.suffix(e164));
    }

    @Test
    void aNationalNumberFollowsTheDefaultCountry_X5() {
        assertThat(PhoneNumbers.e164("020 7946 0958", "GB")).isEqualTo("+442079460958");
        assertThat(PhoneNumbers.matchKey("020 7946 0958", "US")).isNotEqualTo("+442079460958");
        assertThat(PhoneNumbers.e164("030 12345678", "DE")).isEqualTo("+493012345678");
    }

    @Test
    void aNumberWrittenWithItsCountryCodeHasAKeyNoDefaultCountryChanges_X5() {
        assertThat(PhoneNumbers.fixedMatchKey("+44 (0)20 7946 0958")).isEqualTo("+442079460958");
        assertThat(PhoneNumbers.fixedMatchKey("tel:+1-425-555-0100;ext=12")).isEqualTo("+14255550100");
        assertThat(PhoneNumbers.fixedMatchKey("＋８６ １３８ ００１３ ８０００")).isEqualTo("+8613800138000");
        assertThat(PhoneNumbers.fixedMatchKey("020 7946 0958")).isNull();
        assertThat(PhoneNumbers.fixedMatchKey("00 44 20 7946 0958")).isNull();
    }

    @Test
    void anExtensionNumberIsMatchedByItsDigits_X5() {
        assertThat(PhoneNumbers.e164("1001", "US")).isNull();
        assertThat(PhoneNumbers.matchKey("1001", "US")).isEqualTo("#1001");
        assertThat(PhoneNumbers.isExtensionNumber("1001", "1001")).isTrue();
        assertThat(PhoneNumbers.isExtensionNumber("+1001", "1001")).isFalse();
        assertThat(PhoneNumbers.extensionNumber(" 10-01 ")).isEqualTo("1001");
        assertThat(PhoneNumbers.extensionNumber("+1001")).isNull();
        assertThat(PhoneNumbers.extensionNumber("1234567890123456")).isNull();
        assertThat(PhoneNumbers.readable("7", "US")).isTrue();
    }

    @ParameterizedTest(name = "X5: \"{0}\" cannot be looked up")
    @ValueSource(strings = {"", "   ", "abc", "+", "tel:", "--- ()", "+999 1234 5678", "12345678901234567890"})
    void unreadableInputIsRefused_X5(String written) {
        assertThat(PhoneNumbers.readable(written, "US")).isFalse();
    }
}
