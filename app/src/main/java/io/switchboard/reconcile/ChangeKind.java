package io.switchboard.reconcile;

/**
 * The kind of one planned {@link Change}: the {@code action} of a change in a preview (X1), a
 * documented part of the API (docs/api.md) independent of the names of the classes behind it.
 */
public enum ChangeKind {
    CREATE_EXTENSION(ObjectType.EXTENSION, Action.CREATE),
    UPDATE_EXTENSION(ObjectType.EXTENSION, Action.UPDATE),
    ASSOCIATE_EXTENSION(ObjectType.EXTENSION, Action.ASSOCIATE),
    DELETE_EXTENSION(ObjectType.EXTENSION, Action.DELETE),
    RELEASE_EXTENSION(ObjectType.EXTENSION, Action.RELEASE),
    CREATE_GROUP(ObjectType.GROUP, Action.CREATE),
    UPDATE_GROUP(ObjectType.GROUP, Action.UPDATE),
    DELETE_GROUP(ObjectType.GROUP, Action.DELETE),
    RELEASE_GROUP(ObjectType.GROUP, Action.RELEASE);

    private final ObjectType objectType;
    private final Action action;

    ChangeKind(ObjectType objectType, Action action) {
        this.objectType = objectType;
        this.action = action;
    }

    /** The type of object the change acts on, as its result records it. */
    public ObjectType objectType() {
        return objectType;
    }

    /** The action its result records. */
    public Action action() {
        return action;
    }
}
