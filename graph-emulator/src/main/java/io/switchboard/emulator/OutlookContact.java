package io.switchboard.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The editable fields of an Outlook contact (Graph's {@code contact} resource, §6.1). Immutable; ids, folder,
 * {@code changeKey} and timestamps belong to the mailbox ({@link MailboxContact}). Any field may be null or empty, as
 * real address books hold contacts without a name or without a phone.
 */
public record OutlookContact(
        String displayName,
        String givenName,
        String middleName,
        String surname,
        String nickName,
        String companyName,
        String department,
        String jobTitle,
        List<String> businessPhones,
        List<String> homePhones,
        String mobilePhone,
        List<EmailAddress> emailAddresses,
        List<String> categories,
        String personalNotes) {

    /** One entry of {@code emailAddresses}. */
    public record EmailAddress(String name, String address) {}

    public OutlookContact {
        businessPhones = businessPhones == null ? List.of() : List.copyOf(businessPhones);
        homePhones = homePhones == null ? List.of() : List.copyOf(homePhones);
        emailAddresses = emailAddresses == null ? List.of() : List.copyOf(emailAddresses);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** An empty contact to fill. */
    public static Builder builder() {
        return new Builder();
    }

    /** A contact {@code given surname} with that display name, one business phone (may be null) and no mail. */
    public static OutlookContact of(String givenName, String surname, String businessPhone) {
        Builder b = builder().givenName(givenName).surname(surname);
        String display = ((givenName == null ? "" : givenName) + " " + (surname == null ? "" : surname)).trim();
        b.displayName(display.isEmpty() ? null : display);
        if (businessPhone != null) {
            b.businessPhones(List.of(businessPhone));
        }
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.displayName = displayName;
        b.givenName = givenName;
        b.middleName = middleName;
        b.surname = surname;
        b.nickName = nickName;
        b.companyName = companyName;
        b.department = department;
        b.jobTitle = jobTitle;
        b.businessPhones = new ArrayList<>(businessPhones);
        b.homePhones = new ArrayList<>(homePhones);
        b.mobilePhone = mobilePhone;
        b.emailAddresses = new ArrayList<>(emailAddresses);
        b.categories = new ArrayList<>(categories);
        b.personalNotes = personalNotes;
        return b;
    }

    /** Builds an {@link OutlookContact}. */
    public static final class Builder {
        private String displayName;
        private String givenName;
        private String middleName;
        private String surname;
        private String nickName;
        private String companyName;
        private String department;
        private String jobTitle;
        private List<String> businessPhones = List.of();
        private List<String> homePhones = List.of();
        private String mobilePhone;
        private List<EmailAddress> emailAddresses = List.of();
        private List<String> categories = List.of();
        private String personalNotes;

        private Builder() {}

        public Builder displayName(String value) {
            displayName = value;
            return this;
        }

        public Builder givenName(String value) {
            givenName = value;
            return this;
        }

        public Builder middleName(String value) {
            middleName = value;
            return this;
        }

        public Builder surname(String value) {
            surname = value;
            return this;
        }

        public Builder nickName(String value) {
            nickName = value;
            return this;
        }

        public Builder companyName(String value) {
            companyName = value;
            return this;
        }

        public Builder department(String value) {
            department = value;
            return this;
        }

        public Builder jobTitle(String value) {
            jobTitle = value;
            return this;
        }

        public Builder businessPhones(List<String> value) {
            businessPhones = value;
            return this;
        }

        public Builder homePhones(List<String> value) {
            homePhones = value;
            return this;
        }

        public Builder mobilePhone(String value) {
            mobilePhone = value;
            return this;
        }

        public Builder emailAddresses(List<EmailAddress> value) {
            emailAddresses = value;
            return this;
        }

        /** Adds one e-mail address. */
        public Builder email(String name, String address) {
            List<EmailAddress> copy = new ArrayList<>(emailAddresses);
            copy.add(new EmailAddress(name, address));
            emailAddresses = copy;
            return this;
        }

        public Builder categories(List<String> value) {
            categories = value;
            return this;
        }

        public Builder personalNotes(String value) {
            personalNotes = value;
            return this;
        }

        public OutlookContact build() {
            return new OutlookContact(
                    displayName,
                    givenName,
                    middleName,
                    surname,
                    nickName,
                    companyName,
                    department,
                    jobTitle,
                    businessPhones,
                    homePhones,
                    mobilePhone,
                    emailAddresses,
                    categories,
                    personalNotes);
        }
    }
}
