package io.switchboard.presence;

import io.switchboard.directory.Presence;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One extension's Teams presence choice (T1): whether it follows Teams, and the extension presence
 * for each Teams presence. A mapping always has a value for every key; missing keys take the default.
 */
public record TeamsPresenceSetting(boolean enabled, Map<TeamsAvailability, Presence> mapping) {

    /** Available → Available · Busy → Away · Do not disturb → Do Not Disturb · Be right back → Away · Appear away/offline → Off Work. */
    public static final Map<TeamsAvailability, Presence> DEFAULT_MAPPING = defaults();

    /** Presence sync off, default mapping: what an extension has until someone chooses. */
    public static final TeamsPresenceSetting DEFAULT = new TeamsPresenceSetting(false, DEFAULT_MAPPING);

    public TeamsPresenceSetting {
        EnumMap<TeamsAvailability, Presence> complete = new EnumMap<>(DEFAULT_MAPPING);
        if (mapping != null) {
            mapping.forEach((key, value) -> {
                if (key == null || value == null) {
                    throw new ProblemException(
                            ProblemCode.VALIDATION_FAILED,
                            "mapping needs an extension presence for each Teams presence it names.");
                }
                complete.put(key, value);
            });
        }
        mapping = Collections.unmodifiableMap(complete);
    }

    private static Map<TeamsAvailability, Presence> defaults() {
        EnumMap<TeamsAvailability, Presence> map = new EnumMap<>(TeamsAvailability.class);
        map.put(TeamsAvailability.AVAILABLE, Presence.AVAILABLE);
        map.put(TeamsAvailability.BUSY, Presence.AWAY);
        map.put(TeamsAvailability.DO_NOT_DISTURB, Presence.DO_NOT_DISTURB);
        map.put(TeamsAvailability.BE_RIGHT_BACK, Presence.AWAY);
        map.put(TeamsAvailability.APPEAR_AWAY, Presence.OFF_WORK);
        map.put(TeamsAvailability.APPEAR_OFFLINE, Presence.OFF_WORK);
        return Collections.unmodifiableMap(map);
    }

    /** {@code AVAILABLE=AVAILABLE,BUSY=AWAY,…}: how the mapping is stored. */
    String encodeMapping() {
        StringJoiner joined = new StringJoiner(",");
        mapping.forEach((key, value) -> joined.add(key.name() + "=" + value.name()));
        return joined.toString();
    }

    static Map<TeamsAvailability, Presence> decodeMapping(String stored) {
        EnumMap<TeamsAvailability, Presence> map = new EnumMap<>(DEFAULT_MAPPING);
        for (String pair : stored.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(TeamsAvailability.valueOf(pair.substring(0, eq)), Presence.valueOf(pair.substring(eq + 1)));
            }
        }
        return map;
    }
}
