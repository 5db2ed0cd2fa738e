package io.switchboard.directory;

/** The presence of an extension, as shown to other PBX users. */
public enum Presence {
    /** Reachable. */
    AVAILABLE,
    /** Away from the phone. */
    AWAY,
    /** Calls are not put through. */
    DO_NOT_DISTURB,
    /** At lunch. */
    LUNCH_BREAK,
    /** Travelling for work. */
    BUSINESS_TRIP,
    /** Outside working hours. */
    OFF_WORK
}
