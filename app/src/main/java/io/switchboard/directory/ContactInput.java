package io.switchboard.directory;

import io.switchboard.shared.FieldRules;
import io.switchboard.shared.TextRules;

/** The fields of a contact. */
public record ContactInput(
        String firstName,
        String lastName,
        String company,
        String email,
        String mobilePhone,
        String homePhone,
        String businessPhone,
        String otherPhone,
        String jobTitle) {

    public ContactInput normalized() {
        return new ContactInput(
                TextRules.clean(firstName),
                TextRules.clean(lastName),
                TextRules.clean(company),
                TextRules.clean(email),
                TextRules.clean(mobilePhone),
                TextRules.clean(homePhone),
                TextRules.clean(businessPhone),
                TextRules.clean(otherPhone),
                TextRules.clean(jobTitle));
    }

    void validate() {
        new FieldRules()
                .check(firstName != null || lastName != null, "firstName", "or lastName is required")
                .text("firstName", firstName, FieldRules.NAME_MAX)
                .text("lastName", lastName, FieldRules.NAME_MAX)
                .text("company", company, FieldRules.COMPANY_MAX)
                .email("email", email)
                .phone("mobilePhone", mobilePhone)
                .phone("homePhone", homePhone)
                .phone("businessPhone", businessPhone)
                .phone("otherPhone", otherPhone)
                .text("jobTitle", jobTitle, FieldRules.JOB_TITLE_MAX)
                .throwIfAny();
    }

    String displayName() {
        return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
    }
}
