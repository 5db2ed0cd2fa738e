package io.switchboard.entra;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An Entra ID user as the sync sees it (Graph {@code user}, the properties Switchboard selects).
 *
 * @param id the object id (a GUID), stable for the user's life
 * @param businessPhones in Graph's order; the first one is "the" business phone
 * @param extensionAttributes {@code onPremisesExtensionAttributes}: keys {@code extensionAttribute1}…{@code 15}, only the non-null ones
 */
public record EntraUser(
        String id,
        String displayName,
        String givenName,
        String surname,
        String mail,
        String userPrincipalName,
        String mobilePhone,
        List<String> businessPhones,
        String jobTitle,
        UserType userType,
        boolean accountEnabled,
        Instant createdDateTime,
        String employeeId,
        Map<String, String> extensionAttributes) {

    public EntraUser {
        Objects.requireNonNull(id, "id");
        businessPhones = businessPhones == null ? List.of() : List.copyOf(businessPhones);
        extensionAttributes = extensionAttributes == null ? Map.of() : Map.copyOf(extensionAttributes);
        userType = userType == null ? UserType.MEMBER : userType;
    }

    /** Graph's {@code userType}. */
    public enum UserType {
        /** A member of the organization. */
        MEMBER,
        /** A guest from outside the organization. */
        GUEST
    }
}
