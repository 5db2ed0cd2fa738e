package io.switchboard.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An Entra ID user as Microsoft Graph v1.0 exposes it. Immutable; change it through {@link Tenant#updateUser}.
 *
 * @param extensionAttributes {@code extensionAttribute1..15} of {@code onPremisesExtensionAttributes}; absent keys are
 *     null
 * @param hasMailbox whether the user has an Exchange Online mailbox (reserved for mailbox-dependent resources)
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
        String department,
        String officeLocation,
        String preferredLanguage,
        String userType,
        boolean accountEnabled,
        Instant createdDateTime,
        String employeeId,
        Map<String, String> extensionAttributes,
        boolean hasMailbox) {

    /** Properties returned by {@code GET /users} when no {@code $select} is given. */
    public static final List<String> DEFAULT_PROPERTIES = List.of(
            "businessPhones",
            "displayName",
            "givenName",
            "jobTitle",
            "mail",
            "mobilePhone",
            "officeLocation",
            "preferredLanguage",
            "surname",
            "userPrincipalName",
            "id");

    /** Every property the emulator knows for users. */
    public static final Set<String> PROPERTIES = Set.of(
            "id",
            "displayName",
            "givenName",
            "surname",
            "mail",
            "userPrincipalName",
            "mobilePhone",
            "businessPhones",
            "jobTitle",
            "department",
            "officeLocation",
            "preferredLanguage",
            "userType",
            "accountEnabled",
            "createdDateTime",
            "employeeId",
            "onPremisesExtensionAttributes");

    /** Properties Graph returns only on a single-user GET; selecting them on a collection gives 501. */
    public static final Set<String> SINGLE_ENTITY_PROPERTIES = Set.of(
            "aboutMe",
            "birthday",
            "hireDate",
            "interests",
            "mySite",
            "pastProjects",
            "preferredName",
            "responsibilities",
            "schools",
            "skills",
            "mailboxSettings");

    public EntraUser {
        Objects.requireNonNull(id, "id");
        businessPhones = businessPhones == null ? List.of() : List.copyOf(businessPhones);
        extensionAttributes = extensionAttributes == null ? Map.of() : copyAttributes(extensionAttributes);
        userType = userType == null ? "Member" : userType;
    }

    private static Map<String, String> copyAttributes(Map<String, String> source) {
        Map<String, String> copy = new LinkedHashMap<>();
        source.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return Map.copyOf(copy);
    }

    /** A builder for a new user with the given object id. */
    public static Builder builder(String id) {
        return new Builder().id(id);
    }

    /** A builder holding this user's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.displayName = displayName;
        b.givenName = givenName;
        b.surname = surname;
        b.mail = mail;
        b.userPrincipalName = userPrincipalName;
        b.mobilePhone = mobilePhone;
        b.businessPhones = new ArrayList<>(businessPhones);
        b.jobTitle = jobTitle;
        b.department = department;
        b.officeLocation = officeLocation;
        b.preferredLanguage = preferredLanguage;
        b.userType = userType;
        b.accountEnabled = accountEnabled;
        b.createdDateTime = createdDateTime;
        b.employeeId = employeeId;
        b.extensionAttributes = new LinkedHashMap<>(extensionAttributes);
        b.hasMailbox = hasMailbox;
        return b;
    }

    /** The JSON value of a Graph property, or null when unset; unknown names give null. */
    public Object property(String name) {
        return switch (name) {
            case "id" -> id;
            case "displayName" -> displayName;
            case "givenName" -> givenName;
            case "surname" -> surname;
            case "mail" -> mail;
            case "userPrincipalName" -> userPrincipalName;
            case "mobilePhone" -> mobilePhone;
            case "businessPhones" -> businessPhones;
            case "jobTitle" -> jobTitle;
            case "department" -> department;
            case "officeLocation" -> officeLocation;
            case "preferredLanguage" -> preferredLanguage;
            case "userType" -> userType;
            case "accountEnabled" -> accountEnabled;
            case "createdDateTime" -> createdDateTime == null ? null : createdDateTime.toString();
            case "employeeId" -> employeeId;
            case "onPremisesExtensionAttributes" -> extensionAttributesJson();
            default -> {
                if (name.startsWith("onPremisesExtensionAttributes/")) {
                    yield extensionAttributes.get(name.substring("onPremisesExtensionAttributes/".length()));
                }
                yield null;
            }
        };
    }

    private Map<String, Object> extensionAttributesJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        for (int i = 1; i <= 15; i++) {
            json.put("extensionAttribute" + i, extensionAttributes.get("extensionAttribute" + i));
        }
        return json;
    }

    /** Names of the properties whose values differ between this user and {@code other}. */
    Set<String> changedProperties(EntraUser other) {
        Set<String> changed = new java.util.HashSet<>();
        for (String p : PROPERTIES) {
            if (!Objects.equals(property(p), other.property(p))) {
                changed.add(p);
            }
        }
        return changed;
    }

    /** A mutable builder for {@link EntraUser}. */
    public static final class Builder {
        private String id;
        private String displayName;
        private String givenName;
        private String surname;
        private String mail;
        private String userPrincipalName;
        private String mobilePhone;
        private List<String> businessPhones = new ArrayList<>();
        private String jobTitle;
        private String department;
        private String officeLocation;
        private String preferredLanguage;
        private String userType = "Member";
        private boolean accountEnabled = true;
        private Instant createdDateTime;
        private String employeeId;
        private Map<String, String> extensionAttributes = new LinkedHashMap<>();
        private boolean hasMailbox = true;

        private Builder() {}

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder displayName(String value) {
            displayName = value;
            return this;
        }

        public Builder givenName(String value) {
            givenName = value;
            return this;
        }

        public Builder surname(String value) {
            surname = value;
            return this;
        }

        public Builder mail(String value) {
            mail = value;
            return this;
        }

        public Builder userPrincipalName(String value) {
            userPrincipalName = value;
            return this;
        }

        public Builder mobilePhone(String value) {
            mobilePhone = value;
            return this;
        }

        public Builder businessPhones(List<String> value) {
            businessPhones = value == null ? new ArrayList<>() : new ArrayList<>(value);
            return this;
        }

        public Builder jobTitle(String value) {
            jobTitle = value;
            return this;
        }

        public Builder department(String value) {
            department = value;
            return this;
        }

        public Builder officeLocation(String value) {
            officeLocation = value;
            return this;
        }

        public Builder preferredLanguage(String value) {
            preferredLanguage = value;
            return this;
        }

        public Builder userType(String value) {
            userType = value;
            return this;
        }

        public Builder accountEnabled(boolean value) {
            accountEnabled = value;
            return this;
        }

        public Builder createdDateTime(Instant value) {
            createdDateTime = value;
            return this;
        }

        public Builder employeeId(String value) {
            employeeId = value;
            return this;
        }

        /** Sets {@code onPremisesExtensionAttributes.extensionAttribute{n}}, n in 1..15. */
        public Builder extensionAttribute(int n, String value) {
            if (n < 1 || n > 15) {
                throw new IllegalArgumentException("extension attributes are numbered 1..15");
            }
            extensionAttributes.put("extensionAttribute" + n, value);
            return this;
        }

        public Builder hasMailbox(boolean value) {
            hasMailbox = value;
            return this;
        }

        public EntraUser build() {
            return new EntraUser(
                    id,
                    displayName,
                    givenName,
                    surname,
                    mail,
                    userPrincipalName,
                    mobilePhone,
                    businessPhones,
                    jobTitle,
                    department,
                    officeLocation,
                    preferredLanguage,
                    userType,
                    accountEnabled,
                    createdDateTime,
                    employeeId,
                    extensionAttributes,
                    hasMailbox);
        }
    }
}
