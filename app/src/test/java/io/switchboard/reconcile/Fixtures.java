package io.switchboard.reconcile;

import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionGroup;
import io.switchboard.directory.Origin;
import io.switchboard.directory.Presence;
import io.switchboard.entra.EntraGroup;
import io.switchboard.entra.EntraUser;
import io.switchboard.entra.EntraUser.UserType;
import io.switchboard.reconcile.Policies.AccountState;
import io.switchboard.reconcile.Policies.NumberSource;
import io.switchboard.reconcile.Policies.UserRange;
import io.switchboard.reconcile.Policies.WhenOutOfScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Small builders for planner tests. */
final class Fixtures {

    private Fixtures() {}

    static EntraUser user(String id, String given, String surname, String mail, int createdYear) {
        return new EntraUser(
                id,
                (given + " " + surname).strip(),
                given,
                surname,
                mail,
                id + "@contoso.example",
                null,
                List.of(),
                null,
                UserType.MEMBER,
                true,
                Instant.parse(createdYear + "-01-01T00:00:00Z"),
                null,
                Map.of());
    }

    static EntraUser user(String id, String mail, int createdYear) {
        return user(id, "Given" + id, "Sur" + id, mail, createdYear);
    }

    static EntraUser guest(EntraUser u) {
        return new EntraUser(
                u.id(),
                u.displayName(),
                u.givenName(),
                u.surname(),
                u.mail(),
                u.userPrincipalName(),
                u.mobilePhone(),
                u.businessPhones(),
                u.jobTitle(),
                UserType.GUEST,
                u.accountEnabled(),
                u.createdDateTime(),
                u.employeeId(),
                u.extensionAttributes());
    }

    static EntraUser disabled(EntraUser u) {
        return new EntraUser(
                u.id(),
                u.displayName(),
                u.givenName(),
                u.surname(),
                u.mail(),
                u.userPrincipalName(),
                u.mobilePhone(),
                u.businessPhones(),
                u.jobTitle(),
                u.userType(),
                false,
                u.createdDateTime(),
                u.employeeId(),
                u.extensionAttributes());
    }

    static EntraUser withCreated(EntraUser u, Instant createdDateTime) {
        return copy(u, u.mobilePhone(), createdDateTime, u.employeeId());
    }

    static EntraUser withEmployeeId(EntraUser u, String employeeId) {
        return copy(u, u.mobilePhone(), u.createdDateTime(), employeeId);
    }

    static EntraUser withMobile(EntraUser u, String mobilePhone) {
        return copy(u, mobilePhone, u.createdDateTime(), u.employeeId());
    }

    private static EntraUser copy(EntraUser u, String mobilePhone, Instant createdDateTime, String employeeId) {
        return new EntraUser(
                u.id(),
                u.displayName(),
                u.givenName(),
                u.surname(),
                u.mail(),
                u.userPrincipalName(),
                mobilePhone,
                u.businessPhones(),
                u.jobTitle(),
                u.userType(),
                u.accountEnabled(),
                createdDateTime,
                employeeId,
                u.extensionAttributes());
    }

    static EntraGroup group(String id, String name, int createdYear, Set<String> users, Set<String> groups) {
        return new EntraGroup(
                id, name, List.of(), true, false, Instant.parse(createdYear + "-01-01T00:00:00Z"), users, groups);
    }

    static EntraGroup unified(String id, String name, Set<String> users) {
        return new EntraGroup(
                id, name, List.of("Unified"), false, true, Instant.parse("2020-01-01T00:00:00Z"), users, Set.of());
    }

    static Extension local(String number, String email) {
        return new Extension(
                UUID.randomUUID(),
                number,
                "Local",
                number,
                email,
                null,
                null,
                Presence.AVAILABLE,
                Origin.LOCAL,
                null,
                false,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    static ExtensionGroup localGroup(String name) {
        return new ExtensionGroup(UUID.randomUUID(), name, Origin.LOCAL, null, List.of());
    }

    static UserSyncSettings allUsers() {
        return UserSyncSettings.of(
                true,
                UserRange.ALL,
                null,
                null,
                NumberSource.AUTO,
                "1000",
                null,
                null,
                false,
                false,
                WhenOutOfScope.RELEASE,
                false);
    }

    static UserSyncSettings users(
            UserRange range,
            Set<UserType> types,
            List<String> groups,
            NumberSource source,
            String property,
            Set<AccountState> deleteWhen,
            boolean associate,
            WhenOutOfScope outOfScope,
            boolean nested) {
        return UserSyncSettings.of(
                true, range, types, groups, source, "1000", property, deleteWhen, associate, false, outOfScope, nested);
    }

    static GroupSyncSettings noGroups() {
        return GroupSyncSettings.DEFAULT;
    }

    static GroupSyncSettings allGroups(WhenOutOfScope outOfScope) {
        return GroupSyncSettings.of(true, null, null, null, outOfScope);
    }

    static ActualDirectory directory(List<Extension> extensions, List<ExtensionGroup> groups) {
        return new ActualDirectory(extensions, groups, 1000);
    }
}
