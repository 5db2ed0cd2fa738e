package io.switchboard.directory;

import io.switchboard.shared.FieldRules;
import io.switchboard.shared.TextRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The fields of an extension that a create or an update sets. */
public record ExtensionInput(
        String number,
        String firstName,
        String lastName,
        String email,
        String mobileNumber,
        String jobTitle,
        Presence presence) {

    /** Trims every text and turns blanks into {@code null}; a missing presence becomes Available. */
    public ExtensionInput normalized() {
        return new ExtensionInput(
                TextRules.clean(number),
                TextRules.clean(firstName),
                TextRules.clean(lastName),
                TextRules.clean(email),
                TextRules.clean(mobileNumber),
                TextRules.clean(jobTitle),
                presence == null ? Presence.AVAILABLE : presence);
    }

    void validate() {
        new FieldRules()
                .required("number", number)
                .number("number", number)
                .check(firstName != null || lastName != null, "firstName", "or lastName is required")
                .text("firstName", firstName, FieldRules.NAME_MAX)
                .text("lastName", lastName, FieldRules.NAME_MAX)
                .email("email", email)
                .phone("mobileNumber", mobileNumber)
                .text("jobTitle", jobTitle, FieldRules.JOB_TITLE_MAX)
                .throwIfAny();
    }

    /**
     * The checks on what the sync writes: Entra's data is taken as it is (phone numbers in any
     * format), within the directory's own limits.
     */
    void validateSynced() {
        new FieldRules()
                .required("number", number)
                .number("number", number)
                .text("firstName", firstName, FieldRules.NAME_MAX)
                .text("lastName", lastName, FieldRules.NAME_MAX)
                .text("email", email, FieldRules.EMAIL_MAX)
                .text("mobileNumber", mobileNumber, FieldRules.PHONE_MAX)
                .text("jobTitle", jobTitle, FieldRules.JOB_TITLE_MAX)
                .throwIfAny();
    }

    /** The API names of the fields whose value differs from {@code other}. */
    List<String> changedFrom(ExtensionInput other) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(number, other.number)) {
            changed.add("number");
        }
        if (!Objects.equals(firstName, other.firstName)) {
            changed.add("firstName");
        }
        if (!Objects.equals(lastName, other.lastName)) {
            changed.add("lastName");
        }
        if (!Objects.equals(email, other.email)) {
            changed.add("email");
        }
        if (!Objects.equals(mobileNumber, other.mobileNumber)) {
            changed.add("mobileNumber");
        }
        if (!Objects.equals(jobTitle, other.jobTitle)) {
            changed.add("jobTitle");
        }
        if (presence != other.presence) {
            changed.add("presence");
        }
        return changed;
    }
}
