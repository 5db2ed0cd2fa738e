package io.switchboard.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.directory.PhoneIndex.EntryType;
import io.switchboard.shared.ProblemException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Caller-ID lookup (X5): which extensions and contacts hold a number, whatever the format it was
 * stored or asked in. One indexed query per lookup reads the candidates sharing the number's last
 * digits together with the PBX's default country; libphonenumber then decides which really match.
 */
@Service
public class CallerIdLookup {

    /** The longest query read; longer input is refused. */
    public static final int MAX_QUERY_LENGTH = 64;

    /** What a lookup found. */
    public record Result(
            @Schema(description = "the number as asked") String query,

            @Schema(
                    description = "its E.164 form with the PBX's default country; null when it is no phone number,"
                            + " such as an extension number")
            String e164,

            List<Match> matches) {}

    /** One extension or contact that holds the number. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Match(
            @Schema(allowableValues = {"EXTENSION", "PHONEBOOK_CONTACT", "PERSONAL_CONTACT"})
            String type,

            UUID id,
            String displayName,

            @Schema(
                    description = "the field holding the number: number or mobileNumber of an extension;"
                            + " mobilePhone, businessPhone, homePhone or otherPhone of a contact")
            String field,

            @Schema(description = "the extension itself, or the owner of a personal contact")
            UUID extensionId,

            @Schema(description = "the phonebook of a phonebook contact")
            UUID phonebookId) {}

    private static final String SETTINGS = "SELECT default_country, %s FROM pbx_settings WHERE id = 1";

    /**
     * The candidates sharing a suffix, in one statement: extensions by their mobile number's own
     * columns (V125; every extension is visible to everyone), then contacts by the phone index. An
     * extension's display name is built here from its name columns, as for its number.
     */
    private static final String CANDIDATES = "SELECT 'EXTENSION', e.id, 'mobileNumber', e.mobile_number,"
            + " e.mobile_match_key, NULL, e.id, NULL, e.first_name, e.last_name, e.number"
            + " FROM extension e WHERE e.mobile_suffix = ?"
            + " UNION ALL SELECT k.entry_type, k.entry_id, k.field, k.phone, k.match_key,"
            + " k.display_name, k.extension_id, k.phonebook_id, NULL, NULL, NULL FROM phone_index k WHERE k.suffix = ?";

    private static final String VISIBLE_TO = CANDIDATES
            + " AND ((k.entry_type = 'PERSONAL_CONTACT' AND k.extension_id = ?)"
            + " OR (k.entry_type = 'PHONEBOOK_CONTACT' AND (EXISTS (SELECT 1 FROM phonebook_visible_extension v"
            + " WHERE v.phonebook_id = k.phonebook_id AND v.extension_id = ?)"
            + " OR EXISTS (SELECT 1 FROM phonebook_visible_group g JOIN extension_group_member m"
            + " ON m.group_id = g.group_id WHERE g.phonebook_id = k.phonebook_id AND m.extension_id = ?))))";

    private static final Comparator<Match> ORDER = Comparator.comparing((Match m) -> rank(m.type()))
            .thenComparing(Match::displayName, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(m -> m.id().toString());

    private final JdbcTemplate jdbc;

    CallerIdLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The extensions and contacts holding {@code number}; with {@code extensionId}, only the
     * phonebooks that extension sees and only its own personal contacts are searched.
     */
    public Result lookup(String number, UUID extensionId) {
        String query = number == null ? "" : number.strip();
        if (query.length() > MAX_QUERY_LENGTH || PhoneNumbers.digits(query).isEmpty()) {
            throw unreadable();
        }
        String suffix = PhoneNumbers.suffix(query);
        String country = extensionId == null
                ? jdbc.queryForObject(SETTINGS.formatted("1"), (rs, n) -> rs.getString(1))
                : jdbc.queryForObject(
                        SETTINGS.formatted("(SELECT COUNT(*) FROM extension WHERE id = ?)"),
                        (rs, n) -> rs.getLong(2) > 0 ? rs.getString(1) : null,
                        extensionId);
        if (country == null) {
            throw ProblemException.invalid("extensionId", "no extension has this id");
        }
        PhoneNumbers.Reading asked = PhoneNumbers.read(query, country);
        if (!asked.readable()) {
            throw unreadable();
        }
        List<Candidate> rows = extensionId == null
                ? jdbc.query(CANDIDATES, CallerIdLookup::candidate, suffix, suffix)
                : jdbc.query(
                        VISIBLE_TO, CallerIdLookup::candidate, suffix, suffix, extensionId, extensionId, extensionId);
        List<Match> matches = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        String extensionNumber = PhoneNumbers.extensionNumber(query);
        if (extensionNumber != null) {
            jdbc.query(EXTENSION, CallerIdLookup::extension, extensionNumber).forEach(m -> {
                seen.add(m.id());
                matches.add(m);
            });
        }
        for (Candidate c : rows) {
            if (matches(c, query, asked.matchKey(), country)
                    && seen.add(c.match().id())) {
                matches.add(c.match());
            }
        }
        matches.sort(ORDER);
        return new Result(number, asked.e164(), List.copyOf(matches));
    }

    private static boolean matches(Candidate c, String query, String key, String country) {
        return key.equals(c.matchKey() != null ? c.matchKey() : PhoneNumbers.matchKey(c.phone(), country));
    }

    private record Candidate(Match match, String phone, String matchKey) {}

    /** The extension holding a number as its extension number (every extension is visible to all). */
    private static final String EXTENSION = "SELECT id, first_name, last_name, number FROM extension WHERE number = ?";

    private static Match extension(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        UUID id = rs.getObject(1, UUID.class);
        return new Match(
                EntryType.EXTENSION.name(),
                id,
                displayName(rs.getString(2), rs.getString(3), rs.getString(4)),
                "number",
                id,
                null);
    }

    /** An extension's display name in a match: its first and last name, else its number. */
    static String displayName(String first, String last, String number) {
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return name.isEmpty() ? number : name;
    }

    private static Candidate candidate(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        String type = rs.getString(1);
        Match match = new Match(
                type,
                rs.getObject(2, UUID.class),
                type.equals(EntryType.EXTENSION.name())
                        ? displayName(rs.getString(9), rs.getString(10), rs.getString(11))
                        : rs.getString(6),
                rs.getString(3),
                rs.getObject(7, UUID.class),
                rs.getObject(8, UUID.class));
        return new Candidate(match, rs.getString(4), rs.getString(5));
    }

    private static int rank(String type) {
        return EntryType.valueOf(type).ordinal();
    }

    private static ProblemException unreadable() {
        return ProblemException.invalid(
                "number", "must be a phone or extension number, such as +1 425 555 0100, 020 7946 0958 or 1001");
    }
}
