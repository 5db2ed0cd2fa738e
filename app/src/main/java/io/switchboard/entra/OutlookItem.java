package io.switchboard.entra;

import java.util.List;

/**
 * One item of an Outlook read (reference §6): a contact folder, a contact, or a contact that a
 * delta round reports removed (only {@code id} and {@code removed} then).
 */
public record OutlookItem(
        String id,
        boolean removed,
        String parentFolderId,
        String displayName,
        String givenName,
        String surname,
        String companyName,
        String jobTitle,
        String email,
        String mobilePhone,
        List<String> homePhones,
        List<String> businessPhones) {

    public OutlookItem {
        homePhones = homePhones == null ? List.of() : List.copyOf(homePhones);
        businessPhones = businessPhones == null ? List.of() : List.copyOf(businessPhones);
    }
}
