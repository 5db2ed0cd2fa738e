package io.switchboard.contacts;

/** The two parts of contact sync; stored by name. */
public enum Part {
    /** Each in-range user's Outlook contacts become that extension's personal contacts (O1). */
    PERSONAL,
    /** The in-range shared mailboxes' contacts go into the one synced phonebook (O2). */
    SHARED
}
