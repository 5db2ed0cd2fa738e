package io.switchboard.reconcile;

import io.switchboard.directory.ExtensionInput;
import java.util.List;
import java.util.UUID;

/** One change of a {@link Plan}, with the reason for it. */
public sealed interface Change {

    /** The Entra object id the change follows. */
    String sourceId();

    /** How a person recognises the object: {@code 1042 Alice Smith}, a group's name. */
    String displayName();

    String reason();

    /** The diff line of this change. */
    String render();

    /** What kind of change this is, as the API names it. */
    ChangeKind kind();

    /** One field of an update, before and after, by its API name. */
    record FieldChange(String field, String before, String after) {
        String render() {
            return field + " " + quote(before) + " → " + quote(after);
        }

        private static String quote(String value) {
            return value == null ? "∅" : "\"" + value + "\"";
        }
    }

    /** A new synced extension for a user. */
    record CreateExtension(
            String sourceId, String displayName, ExtensionInput input, boolean numberFromSource, String reason)
            implements Change {
        public ChangeKind kind() {
            return ChangeKind.CREATE_EXTENSION;
        }

        public String render() {
            return "+ ext " + displayName;
        }
    }

    /** A synced extension whose user information changed. */
    record UpdateExtension(
            UUID extensionId,
            String sourceId,
            String displayName,
            ExtensionInput input,
            boolean numberFromSource,
            List<FieldChange> fields,
            String reason)
            implements Change {
        public ChangeKind kind() {
            return ChangeKind.UPDATE_EXTENSION;
        }

        public String render() {
            return "~ ext " + displayName + " "
                    + String.join(", ", fields.stream().map(FieldChange::render).toList());
        }
    }

    /** An existing extension linked to the user with the same email (U4), its information overwritten. */
    record AssociateExtension(
            UUID extensionId,
            String sourceId,
            String displayName,
            ExtensionInput input,
            boolean numberFromSource,
            List<FieldChange> fields,
            String reason)
            implements Change {
        public ChangeKind kind() {
            return ChangeKind.ASSOCIATE_EXTENSION;
        }

        public String render() {
            return "= associate ext " + displayName + " with user " + sourceId;
        }
    }

    /** A synced extension to delete (U3, U6). */
    record DeleteExtension(UUID extensionId, String sourceId, String displayName, String reason) implements Change {
        public ChangeKind kind() {
            return ChangeKind.DELETE_EXTENSION;
        }

        public String render() {
            return "- ext " + displayName;
        }
    }

    /** A synced extension handed to full PBX management (U3, U6). */
    record ReleaseExtension(UUID extensionId, String sourceId, String displayName, String reason) implements Change {
        public ChangeKind kind() {
            return ChangeKind.RELEASE_EXTENSION;
        }

        public String render() {
            return "» release ext " + displayName;
        }
    }

    /** A new synced extension group; members are the Entra ids of the users whose extensions belong. */
    record CreateGroup(String sourceId, String displayName, List<String> memberSourceIds, String reason)
            implements Change {
        public ChangeKind kind() {
            return ChangeKind.CREATE_GROUP;
        }

        public String render() {
            return "+ group \"" + displayName + "\" (" + memberSourceIds.size() + " members)";
        }
    }

    /**
     * A synced extension group whose name or members changed: the Entra ids of the users whose
     * extensions join it, and the extensions that leave it (issue 15 point 6: a change of a few
     * members of a large group writes those few).
     */
    record UpdateGroup(
            UUID groupId,
            String sourceId,
            String displayName,
            List<String> joiningSourceIds,
            List<UUID> leavingExtensionIds,
            List<FieldChange> fields,
            String reason)
            implements Change {
        public ChangeKind kind() {
            return ChangeKind.UPDATE_GROUP;
        }

        public String render() {
            return "~ group \"" + displayName + "\" "
                    + String.join(", ", fields.stream().map(FieldChange::render).toList());
        }
    }

    /** A synced extension group to delete (G3). */
    record DeleteGroup(UUID groupId, String sourceId, String displayName, String reason) implements Change {
        public ChangeKind kind() {
            return ChangeKind.DELETE_GROUP;
        }

        public String render() {
            return "- group \"" + displayName + "\"";
        }
    }

    /** A synced extension group handed to full PBX management (G3). */
    record ReleaseGroup(UUID groupId, String sourceId, String displayName, String reason) implements Change {
        public ChangeKind kind() {
            return ChangeKind.RELEASE_GROUP;
        }

        public String render() {
            return "» release group \"" + displayName + "\"";
        }
    }
}
