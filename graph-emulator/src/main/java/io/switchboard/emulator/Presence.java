package io.switchboard.emulator;

import java.util.List;
import java.util.Objects;

/**
 * A user's Teams presence as Graph reports it ({@code availability} and {@code activity}).
 *
 * @param availability one of {@link #AVAILABILITIES}
 * @param activity one of {@link #ACTIVITIES}
 */
public record Presence(String availability, String activity) {

    /** Every {@code availability} value Graph documents. */
    public static final List<String> AVAILABILITIES = List.of(
            "Available",
            "AvailableIdle",
            "Away",
            "BeRightBack",
            "Busy",
            "BusyIdle",
            "DoNotDisturb",
            "Offline",
            "PresenceUnknown");

    /** Every {@code activity} value Graph documents. */
    public static final List<String> ACTIVITIES = List.of(
            "Available",
            "Away",
            "BeRightBack",
            "Busy",
            "DoNotDisturb",
            "InACall",
            "InAConferenceCall",
            "Inactive",
            "InAMeeting",
            "Offline",
            "OffWork",
            "OutOfOffice",
            "PresenceUnknown",
            "Presenting",
            "UrgentInterruptionsOnly");

    /** What Graph reports for a user without Teams. */
    public static final Presence UNKNOWN = new Presence("PresenceUnknown", "PresenceUnknown");

    /** The presence of a Teams user who is signed out. */
    public static final Presence OFFLINE = new Presence("Offline", "Offline");

    /** Pairs a Teams client really shows, used by {@link PresenceBoard#spread}. */
    public static final List<Presence> TYPICAL = List.of(
            new Presence("Available", "Available"),
            new Presence("AvailableIdle", "Inactive"),
            new Presence("Away", "Away"),
            new Presence("Away", "OutOfOffice"),
            new Presence("BeRightBack", "BeRightBack"),
            new Presence("Busy", "Busy"),
            new Presence("Busy", "InACall"),
            new Presence("Busy", "InAConferenceCall"),
            new Presence("Busy", "InAMeeting"),
            new Presence("BusyIdle", "Inactive"),
            new Presence("DoNotDisturb", "DoNotDisturb"),
            new Presence("DoNotDisturb", "Presenting"),
            new Presence("DoNotDisturb", "UrgentInterruptionsOnly"),
            new Presence("Offline", "Offline"),
            new Presence("Offline", "OffWork"));

    public Presence {
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(activity, "activity");
    }

    /** A presence whose values are checked against Graph's documented lists. */
    public static Presence of(String availability, String activity) {
        if (!AVAILABILITIES.contains(availability)) {
            throw new IllegalArgumentException("availability must be one of " + AVAILABILITIES);
        }
        if (!ACTIVITIES.contains(activity)) {
            throw new IllegalArgumentException("activity must be one of " + ACTIVITIES);
        }
        return new Presence(availability, activity);
    }
}
