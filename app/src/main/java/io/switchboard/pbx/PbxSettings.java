package io.switchboard.pbx;

import io.switchboard.shared.FieldRules;
import io.switchboard.shared.TextRules;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

/**
 * PBX-wide settings.
 *
 * @param extensionCapacity how many extensions, local and synced, the PBX may hold (U10)
 * @param timeZone the PBX's time zone (IANA id), used by schedules
 * @param publicBaseUrl the URL at which browsers and Microsoft reach this PBX, without a trailing slash
 * @param defaultCountry ISO 3166-1 alpha-2 country of phone numbers written without a country code
 */
public record PbxSettings(int extensionCapacity, String timeZone, String publicBaseUrl, String defaultCountry) {

    /** The largest capacity a PBX licence can have. */
    public static final int MAX_CAPACITY = 1_000_000;

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public PbxSettings normalized() {
        String url = TextRules.clean(publicBaseUrl);
        while (url != null && url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        String country = TextRules.clean(defaultCountry);
        return new PbxSettings(
                extensionCapacity,
                TextRules.clean(timeZone),
                url,
                country == null ? null : country.toUpperCase(Locale.ROOT));
    }

    public void validate() {
        new FieldRules()
                .check(
                        extensionCapacity >= 1 && extensionCapacity <= MAX_CAPACITY,
                        "extensionCapacity",
                        "must be between 1 and " + MAX_CAPACITY)
                .required("timeZone", timeZone)
                .check(
                        timeZone == null || validZone(timeZone),
                        "timeZone",
                        "must be an IANA time zone such as Europe/Berlin")
                .required("publicBaseUrl", publicBaseUrl)
                .text("publicBaseUrl", publicBaseUrl, 512)
                .check(
                        publicBaseUrl == null || validUrl(publicBaseUrl),
                        "publicBaseUrl",
                        "must be an absolute http or https URL such as https://pbx.example.com")
                .required("defaultCountry", defaultCountry)
                .check(
                        defaultCountry == null || COUNTRIES.contains(defaultCountry),
                        "defaultCountry",
                        "must be an ISO 3166-1 two-letter country code such as US or CN")
                .throwIfAny();
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    private static boolean validZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean validUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getQuery() == null
                    && uri.getFragment() == null
                    && uri.getUserInfo() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
