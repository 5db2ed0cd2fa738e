package io.switchboard.reconcile;

/** The policy enums of the sync settings, named as the API names them. */
public final class Policies {

    private Policies() {}

    /** Which users are synced (U1). */
    public enum UserRange {
        /** Every user of the tenant. */
        ALL,
        /** Users of the chosen types (members, guests). */
        USER_TYPES,
        /** Members of the chosen groups. */
        GROUPS
    }

    /** Where extension numbers come from (U2). */
    public enum NumberSource {
        /** The lowest free number at or above the start number, kept for good once given. */
        AUTO,
        /** A user property the admin names. */
        PROPERTY
    }

    /** A state of a user account whose extension is then deleted (U3). */
    public enum AccountState {
        /** The account is disabled (accountEnabled false). */
        DISABLED,
        /** The account is deleted from the tenant. */
        DELETED
    }

    /** What happens to a synced object that leaves the sync scope (U6, G3). */
    public enum WhenOutOfScope {
        /** It is deleted on the next sync. */
        DELETE,
        /** It is kept and released to full PBX management. */
        RELEASE
    }

    /** Which groups are synced (G1). */
    public enum GroupRange {
        /** Every group of the tenant. */
        ALL,
        /** Groups of the chosen types. */
        GROUP_TYPES,
        /** The chosen groups. */
        GROUPS
    }

    /** A kind of Entra group (G1). */
    public enum GroupType {
        /** A security group, mail-enabled or not. */
        SECURITY,
        /** A Microsoft 365 (unified) group. */
        MICROSOFT_365
    }
}
