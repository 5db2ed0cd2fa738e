package io.switchboard.presence;

import java.util.Locale;
import java.util.Optional;

/**
 * The Teams presences an extension's mapping has a value for (T1), keyed by Graph's {@code
 * availability}: Graph does not tell a user-set "Appear away" or "Appear offline" from an idle or
 * signed-out user, so {@code Away} and {@code Offline} land on the APPEAR_ keys.
 */
public enum TeamsAvailability {
    /** {@code Available} and {@code AvailableIdle}. */
    AVAILABLE,
    /** {@code Busy} and {@code BusyIdle}. */
    BUSY,
    /** {@code DoNotDisturb}. */
    DO_NOT_DISTURB,
    /** {@code BeRightBack}. */
    BE_RIGHT_BACK,
    /** {@code Away}. */
    APPEAR_AWAY,
    /** {@code Offline}. */
    APPEAR_OFFLINE;

    /** The key of Graph's availability; empty for {@code PresenceUnknown} and for values Graph may add later. */
    public static Optional<TeamsAvailability> fromGraph(String availability) {
        if (availability == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                switch (availability.toLowerCase(Locale.ROOT)) {
                    case "available", "availableidle" -> AVAILABLE;
                    case "busy", "busyidle" -> BUSY;
                    case "donotdisturb" -> DO_NOT_DISTURB;
                    case "berightback" -> BE_RIGHT_BACK;
                    case "away" -> APPEAR_AWAY;
                    case "offline" -> APPEAR_OFFLINE;
                    default -> null;
                });
    }
}
