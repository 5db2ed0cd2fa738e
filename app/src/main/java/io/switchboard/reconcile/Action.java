package io.switchboard.reconcile;

/**
 * What a sync asked for one object: the {@code action} of a sync result. A documented part of the
 * API (docs/api.md), stored in the database by name: never rename a constant.
 */
public enum Action {
    /** A new extension or extension group. */
    CREATE,
    /** An extension or extension group whose information changed. */
    UPDATE,
    /** An extension or extension group deleted, or whose deletion the guard holds (X2). */
    DELETE,
    /** An existing extension linked to the user with the same email (U4). */
    ASSOCIATE,
    /** An extension or extension group handed to full PBX management (U3, U6, G3). */
    RELEASE,
    /** Nothing: the object is already right, or it failed before any change was planned. */
    NONE
}
