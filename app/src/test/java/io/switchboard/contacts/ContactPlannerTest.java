package io.switchboard.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.contacts.MailboxRead.Folder;
import io.switchboard.contacts.MailboxRead.FolderStatus;
import io.switchboard.directory.ContactInput;
import io.switchboard.directory.SyncedContacts.Stored;
import io.switchboard.entra.OutlookItem;
import io.switchboard.shared.ProblemCode;
import io.switchboard.sync.Outcome;
import io.switchboard.sync.SyncResult;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contact planner alone (O1–O3): pure inputs, pure answers. */
class ContactPlannerTest {

    static final UUID EXTENSION = UUID.randomUUID();
    static final Mailbox ALICE = new Mailbox(Part.PERSONAL, "u1", "alice@x.io", "Alice", EXTENSION);

    static OutlookItem item(String id, String given, String phone) {
        return new OutlookItem(
                id,
                false,
                null,
                given,
                given,
                "Doe",
                null,
                null,
                null,
                null,
                null,
                phone == null ? List.of() : List.of(phone));
    }

    static OutlookItem removed(String id) {
        return new OutlookItem(id, true, null, null, null, null, null, null, null, null, null, null);
    }

    static Stored stored(String id, String folder, String given, String phone) {
        return new Stored(
                UUID.randomUUID(),
                EXTENSION,
                null,
                id,
                "u1",
                "alice@x.io",
                folder,
                new ContactInput(given, "Doe", null, null, null, null, phone, null, null));
    }

    static ContactPlan plan(List<MailboxRead> reads, List<Stored> stored) {
        return ContactPlanner.plan(reads, stored, EnumSet.of(Part.PERSONAL), null, (n, total) -> false);
    }

    static MailboxRead read(Folder... folders) {
        return new MailboxRead(ALICE, MailboxRead.Status.READ, List.of(folders));
    }

    @Test
    void aContactMovedBetweenFoldersKeepsItsPbxIdAndIsNotRemoved_O1() {
        Stored before = stored("c1", "contacts", "Ann", "+1 425 555 0100");
        ContactPlan plan = plan(
                List.of(read(
                        new Folder("contacts", "Contacts", FolderStatus.READ, false, List.of(removed("c1"))),
                        new Folder(
                                "f2",
                                "Work",
                                FolderStatus.READ,
                                false,
                                List.of(item("c1", "Ann", "+1 425 555 0100"))))),
                List.of(before));

        assertThat(plan.removals()).isEmpty();
        assertThat(plan.upserts()).singleElement().satisfies(u -> {
            assertThat(u.write().id()).isEqualTo(before.id());
            assertThat(u.write().sourceFolder()).isEqualTo("f2");
        });
    }

    @Test
    void aTransientFailureRemovesNothingButADefiniteAnswerDoes_O1() {
        Stored kept = stored("c1", "contacts", "Ann", "+1 425 555 0100");
        Stored inDenied = stored("c2", "f2", "Ben", "+1 425 555 0101");
        ContactPlan transientMailbox =
                plan(List.of(new MailboxRead(ALICE, MailboxRead.Status.TRANSIENT, List.of())), List.of(kept, inDenied));
        assertThat(transientMailbox.removals()).isEmpty();
        assertThat(transientMailbox.reports())
                .extracting(SyncResult::code)
                .containsExactly(ProblemCode.SOURCE_UNREADABLE);

        ContactPlan definite = plan(
                List.of(read(
                        new Folder("contacts", "Contacts", FolderStatus.READ, true, List.of()),
                        new Folder("f2", "Private", FolderStatus.DENIED, false, List.of()))),
                List.of(kept, inDenied));
        assertThat(definite.removals()).extracting(r -> r.stored().sourceId()).containsExactlyInAnyOrder("c1", "c2");
        assertThat(definite.reports()).extracting(SyncResult::code).containsExactly(ProblemCode.FOLDER_NOT_SHARED);
    }

    @Test
    void nameAndPhoneAreRequiredAndTheRestSync_O3() {
        ContactPlan plan = plan(
                List.of(read(new Folder(
                        "contacts",
                        "Contacts",
                        FolderStatus.READ,
                        true,
                        List.of(
                                new OutlookItem(
                                        "a",
                                        false,
                                        null,
                                        "x",
                                        "\u200B",
                                        " ",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        List.of("+1 425")),
                                item("b", "Bea", "ext."),
                                item("c", "Cy", "+1 425 555 0102"))))),
                List.of());

        assertThat(plan.upserts()).extracting(u -> u.write().sourceId()).containsExactly("c");
        assertThat(plan.reports())
                .extracting(SyncResult::sourceId, SyncResult::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", ProblemCode.CONTACT_NAME_MISSING),
                        org.assertj.core.groups.Tuple.tuple("b", ProblemCode.CONTACT_PHONE_MISSING));
    }

    @Test
    void theDeletionGuardHoldsEveryRemovalOfARunThatCrossesIt_X2() {
        Stored a = stored("c1", "contacts", "Ann", "+1 425 555 0100");
        ContactPlan plan = ContactPlanner.plan(
                List.of(new MailboxRead(ALICE, MailboxRead.Status.NO_MAILBOX, List.of())),
                List.of(a),
                EnumSet.of(Part.PERSONAL),
                null,
                (n, total) -> true);

        assertThat(plan.held()).isTrue();
        assertThat(plan.removals()).isEmpty();
        assertThat(plan.reports())
                .extracting(SyncResult::outcome)
                .containsExactlyInAnyOrder(Outcome.SKIPPED, Outcome.HELD);
    }
}
