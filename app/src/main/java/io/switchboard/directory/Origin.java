package io.switchboard.directory;

/** Where a directory object comes from, and so who may change it. */
public enum Origin {
    /** Created on the PBX; fully managed by the PBX administrator. */
    LOCAL,
    /** Synced from Microsoft 365; its synced fields are locked on the PBX. */
    MICROSOFT_365;

    /** The label every API view shows on a synced object. */
    public static final String SYNCED_LABEL = "Synced from Microsoft 365";

    public String label() {
        return this == MICROSOFT_365 ? SYNCED_LABEL : null;
    }
}
