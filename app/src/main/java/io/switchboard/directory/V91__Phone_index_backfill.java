package io.switchboard.directory;

import io.switchboard.directory.Contacts.Owner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Fills the caller-ID index (X5) with the numbers of the extensions and contacts that existed
 * before it; from then on every write keeps it current. A Flyway migration, so it runs once,
 * under Flyway's lock, before any instance serves (ADR 0019). The extensions' rows it writes are
 * moved into the extension table's own columns by V125, which runs after it on every database.
 */
@Component
class V91__Phone_index_backfill extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (PreparedStatement insert = connection.prepareStatement(PhoneIndex.INSERT)) {
            try (PreparedStatement read = connection.prepareStatement(
                            "SELECT id, number, first_name, last_name, mobile_number FROM extension");
                    ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    add(
                            insert,
                            mobileEntry(
                                    rs.getObject(1, UUID.class),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5)));
                }
            }
            try (PreparedStatement read = connection.prepareStatement(
                            "SELECT id, phonebook_id, owner_extension_id, first_name, last_name, company, mobile_phone,"
                                    + " home_phone, business_phone, other_phone FROM contact");
                    ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    UUID phonebook = rs.getObject(2, UUID.class);
                    Owner owner = phonebook != null
                            ? Owner.phonebook(phonebook)
                            : Owner.extension(rs.getObject(3, UUID.class));
                    Contact c = new Contact(
                            rs.getObject(1, UUID.class),
                            new ContactInput(
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    null,
                                    rs.getString(7),
                                    rs.getString(8),
                                    rs.getString(9),
                                    rs.getString(10),
                                    null),
                            null,
                            null);
                    add(insert, PhoneIndex.entries(owner, c));
                }
            }
            insert.executeBatch();
        }
    }

    /** The row of an extension's mobile number, as the index held it until V125. */
    private static List<PhoneIndex.Entry> mobileEntry(
            UUID id, String number, String first, String last, String mobile) {
        if (!PhoneIndex.hasDigits(mobile)) {
            return List.of();
        }
        return List.of(new PhoneIndex.Entry(
                id,
                "mobileNumber",
                PhoneIndex.EntryType.EXTENSION,
                mobile,
                CallerIdLookup.displayName(first, last, number),
                id,
                null,
                null));
    }

    private int pending;

    private void add(PreparedStatement insert, List<PhoneIndex.Entry> entries) throws SQLException {
        for (PhoneIndex.Entry entry : entries) {
            Object[] values = PhoneIndex.row(entry);
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.addBatch();
            if (++pending % 1000 == 0) {
                insert.executeBatch();
            }
        }
    }
}
