package io.switchboard.emulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A parser and evaluator for the OData {@code $filter} subset Graph supports on directory objects: {@code eq}, {@code
 * ne}, {@code in}, {@code startswith}, {@code endswith}, {@code not}, {@code and}, {@code or}, parentheses and {@code
 * any} lambdas over string collections. String comparisons ignore case, as the directory does.
 */
final class ODataFilter {

    /** Thrown for filters outside the supported subset; carries Graph's error message. */
    static final class UnsupportedFilterException extends RuntimeException {
        UnsupportedFilterException(String message) {
            super(message);
        }
    }

    /** The parsed filter; {@code advancedOperator} names the first operator that needs an advanced query. */
    record Parsed(Predicate<Function<String, Object>> predicate, String advancedOperator, Set<String> properties) {}

    private final List<String> tokens;
    private final Set<String> knownProperties;
    private final Set<String> usedProperties = new java.util.HashSet<>();
    private String advancedOperator;
    private int pos;

    private ODataFilter(String text, Set<String> knownProperties) {
        this.tokens = tokenize(text);
        this.knownProperties = knownProperties;
    }

    static Parsed parse(String text, Set<String> knownProperties) {
        ODataFilter parser = new ODataFilter(text, knownProperties);
        Predicate<Function<String, Object>> predicate = parser.or();
        if (parser.pos != parser.tokens.size()) {
            throw new UnsupportedFilterException(
                    "Invalid filter clause: syntax error at '" + parser.tokens.get(parser.pos) + "'.");
        }
        return new Parsed(predicate, parser.advancedOperator, Set.copyOf(parser.usedProperties));
    }

    private Predicate<Function<String, Object>> or() {
        Predicate<Function<String, Object>> left = and();
        while (peekWord("or")) {
            pos++;
            Predicate<Function<String, Object>> right = and();
            Predicate<Function<String, Object>> l = left;
            left = o -> l.test(o) || right.test(o);
        }
        return left;
    }

    private Predicate<Function<String, Object>> and() {
        Predicate<Function<String, Object>> left = unary();
        while (peekWord("and")) {
            pos++;
            Predicate<Function<String, Object>> right = unary();
            Predicate<Function<String, Object>> l = left;
            left = o -> l.test(o) && right.test(o);
        }
        return left;
    }

    private Predicate<Function<String, Object>> unary() {
        if (peekWord("not")) {
            pos++;
            advanced("not");
            return unary().negate();
        }
        return primary();
    }

    private Predicate<Function<String, Object>> primary() {
        String token = next();
        if (token.equals("(")) {
            Predicate<Function<String, Object>> inner = or();
            expect(")");
            return inner;
        }
        String lower = token.toLowerCase(Locale.ROOT);
        if ((lower.equals("startswith") || lower.equals("endswith")) && peek("(")) {
            pos++;
            String property = property(next());
            expect(",");
            String value = String.valueOf(literal(next()));
            expect(")");
            if (lower.equals("endswith")) {
                advanced("endsWith");
            }
            String needle = value.toLowerCase(Locale.ROOT);
            boolean starts = lower.equals("startswith");
            return o -> {
                Object v = o.apply(property);
                if (v == null) {
                    return false;
                }
                String s = v.toString().toLowerCase(Locale.ROOT);
                return starts ? s.startsWith(needle) : s.endsWith(needle);
            };
        }
        if (lower.endsWith("/any") && peek("(")) {
            String property = property(token.substring(0, token.length() - 4));
            pos++;
            String variable = next();
            expect(":");
            String ref = next();
            if (!ref.equals(variable)) {
                throw new UnsupportedFilterException(
                        "Invalid filter clause: lambda variable '" + ref + "' is not defined.");
            }
            String op = next().toLowerCase(Locale.ROOT);
            if (!op.equals("eq") && !op.equals("startswith")) {
                throw new UnsupportedFilterException(
                        "Invalid filter clause: unsupported lambda operator '" + op + "'.");
            }
            Object value = literal(next());
            expect(")");
            return o ->
                    o.apply(property) instanceof Collection<?> c && c.stream().anyMatch(e -> equal(e, value));
        }
        String property = property(token);
        String op = next().toLowerCase(Locale.ROOT);
        switch (op) {
            case "eq", "ne" -> {
                Object value = literal(next());
                if (op.equals("ne")) {
                    advanced("ne");
                    return o -> !equal(o.apply(property), value);
                }
                return o -> equal(o.apply(property), value);
            }
            case "in" -> {
                expect("(");
                List<Object> values = new ArrayList<>();
                values.add(literal(next()));
                while (peek(",")) {
                    pos++;
                    values.add(literal(next()));
                }
                expect(")");
                return o -> values.stream().anyMatch(v -> equal(o.apply(property), v));
            }
            case "gt", "ge", "lt", "le" -> {
                Object value = literal(next());
                return o -> {
                    Object v = o.apply(property);
                    if (v == null || value == null) {
                        return false;
                    }
                    int cmp = v.toString().compareToIgnoreCase(value.toString());
                    return switch (op) {
                        case "gt" -> cmp > 0;
                        case "ge" -> cmp >= 0;
                        case "lt" -> cmp < 0;
                        default -> cmp <= 0;
                    };
                };
            }
            default ->
                throw new UnsupportedFilterException("Invalid filter clause: unsupported operator '" + op + "'.");
        }
    }

    private void advanced(String operator) {
        if (advancedOperator == null) {
            advancedOperator = operator;
        }
    }

    private String property(String token) {
        if (!knownProperties.contains(token)) {
            throw new UnsupportedFilterException(
                    "Could not find a property named '" + token + "' on type 'microsoft.graph.directoryObject'.");
        }
        usedProperties.add(token);
        return token;
    }

    private static Object literal(String token) {
        if (token.startsWith("'")) {
            return token.substring(1, token.length() - 1).replace("''", "'");
        }
        return switch (token.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> null;
            default -> {
                if (token.matches("-?\\d+(\\.\\d+)?")) {
                    yield token;
                }
                throw new UnsupportedFilterException("Invalid filter clause: '" + token + "' is not a literal.");
            }
        };
    }

    private static boolean equal(Object actual, Object expected) {
        if (actual == null || expected == null) {
            return actual == expected;
        }
        if (actual instanceof Boolean || expected instanceof Boolean) {
            return Objects.equals(actual, expected);
        }
        return actual.toString().equalsIgnoreCase(expected.toString());
    }

    private boolean peekWord(String word) {
        return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word);
    }

    private boolean peek(String token) {
        return pos < tokens.size() && tokens.get(pos).equals(token);
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new UnsupportedFilterException("Invalid filter clause: unexpected end of expression.");
        }
        return tokens.get(pos++);
    }

    private void expect(String token) {
        String actual = next();
        if (!actual.equals(token)) {
            throw new UnsupportedFilterException(
                    "Invalid filter clause: expected '" + token + "' but found '" + actual + "'.");
        }
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if ("(),:".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                int j = i + 1;
                StringBuilder sb = new StringBuilder("'");
                while (true) {
                    if (j >= text.length()) {
                        throw new UnsupportedFilterException("Invalid filter clause: unterminated string literal.");
                    }
                    if (text.charAt(j) == '\'') {
                        if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
                            sb.append("''");
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    sb.append(text.charAt(j++));
                }
                tokens.add(sb.append('\'').toString());
                i = j + 1;
            } else {
                int j = i;
                while (j < text.length()
                        && !Character.isWhitespace(text.charAt(j))
                        && "(),:'".indexOf(text.charAt(j)) < 0) {
                    j++;
                }
                tokens.add(text.substring(i, j));
                i = j;
            }
        }
        return tokens;
    }
}
