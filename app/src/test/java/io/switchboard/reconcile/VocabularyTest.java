package io.switchboard.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.directory.ExtensionInput;
import io.switchboard.reconcile.Change.AssociateExtension;
import io.switchboard.reconcile.Change.CreateExtension;
import io.switchboard.reconcile.Change.CreateGroup;
import io.switchboard.reconcile.Change.DeleteExtension;
import io.switchboard.reconcile.Change.DeleteGroup;
import io.switchboard.reconcile.Change.ReleaseExtension;
import io.switchboard.reconcile.Change.ReleaseGroup;
import io.switchboard.reconcile.Change.UpdateExtension;
import io.switchboard.reconcile.Change.UpdateGroup;
import io.switchboard.shared.ProblemCode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The values of {@code objectType}, {@code action} and {@code code} are part of the API (docs/api.md)
 * and stored by name: a renamed constant or a change whose kind follows its class name fails here.
 */
class VocabularyTest {

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    @Test
    void resultActionsAreTheDocumentedOnes_X4() {
        assertThat(names(Action.values()))
                .containsExactly("CREATE", "UPDATE", "DELETE", "ASSOCIATE", "RELEASE", "NONE");
    }

    @Test
    void objectTypesAreTheDocumentedOnes_X4() {
        assertThat(names(ObjectType.values()))
                .containsExactly("EXTENSION", "USER", "GROUP", "CONTACT", "MAILBOX", "CONTACT_FOLDER");
        assertThat(Arrays.stream(ObjectType.values()).filter(ObjectType::userSync))
                .as("U8: a user that got no extension counts in the user-sync section")
                .containsExactly(ObjectType.EXTENSION, ObjectType.USER);
    }

    @Test
    void previewChangeKindsAreTheDocumentedOnesWithTheirResultTypeAndAction_X1() {
        Map<String, String> kinds = new LinkedHashMap<>();
        for (ChangeKind k : ChangeKind.values()) {
            kinds.put(k.name(), k.objectType() + " " + k.action());
        }
        assertThat(kinds)
                .containsExactly(
                        Map.entry("CREATE_EXTENSION", "EXTENSION CREATE"),
                        Map.entry("UPDATE_EXTENSION", "EXTENSION UPDATE"),
                        Map.entry("ASSOCIATE_EXTENSION", "EXTENSION ASSOCIATE"),
                        Map.entry("DELETE_EXTENSION", "EXTENSION DELETE"),
                        Map.entry("RELEASE_EXTENSION", "EXTENSION RELEASE"),
                        Map.entry("CREATE_GROUP", "GROUP CREATE"),
                        Map.entry("UPDATE_GROUP", "GROUP UPDATE"),
                        Map.entry("DELETE_GROUP", "GROUP DELETE"),
                        Map.entry("RELEASE_GROUP", "GROUP RELEASE"));
    }

    @Test
    void everyChangeNamesItsKindWhateverItsClassIsCalled_X1() {
        UUID id = UUID.randomUUID();
        ExtensionInput input = new ExtensionInput("1000", "A", null, null, null, null, null);
        Map<Change, ChangeKind> changes = new LinkedHashMap<>();
        changes.put(new CreateExtension("s", "d", input, false, "r"), ChangeKind.CREATE_EXTENSION);
        changes.put(new UpdateExtension(id, "s", "d", input, false, List.of(), "r"), ChangeKind.UPDATE_EXTENSION);
        changes.put(new AssociateExtension(id, "s", "d", input, false, List.of(), "r"), ChangeKind.ASSOCIATE_EXTENSION);
        changes.put(new DeleteExtension(id, "s", "d", "r"), ChangeKind.DELETE_EXTENSION);
        changes.put(new ReleaseExtension(id, "s", "d", "r"), ChangeKind.RELEASE_EXTENSION);
        changes.put(new CreateGroup("s", "d", List.of(), "r"), ChangeKind.CREATE_GROUP);
        changes.put(new UpdateGroup(id, "s", "d", List.of(), List.of(), List.of(), "r"), ChangeKind.UPDATE_GROUP);
        changes.put(new DeleteGroup(id, "s", "d", "r"), ChangeKind.DELETE_GROUP);
        changes.put(new ReleaseGroup(id, "s", "d", "r"), ChangeKind.RELEASE_GROUP);

        changes.forEach(
                (change, kind) -> assertThat(change.kind()).as(change.render()).isEqualTo(kind));
        assertThat(changes.values()).containsExactlyInAnyOrder(ChangeKind.values());
    }

    @Test
    void failureCodesOfResultsAreProblemCodesWithTheDocumentedNames_X4() {
        assertThat(names(ProblemCode.values()))
                .contains(
                        "EMAIL_TAKEN",
                        "NUMBER_TAKEN",
                        "NUMBER_INVALID",
                        "CAPACITY_REACHED",
                        "GROUP_LIMIT_REACHED",
                        "NAME_TAKEN",
                        "SOURCE_UNREADABLE",
                        "APPLY_FAILED");
    }
}
