package io.switchboard.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How fast the emulator serves the pages a full sync reads (issue 15 point 9): it generates a tenant, then walks
 * {@code /users?$top=999&$select=…}, {@code /groups?$top=999&$select=…} and every group's {@code members?$select=id}
 * on one keep-alive connection, and reports objects per second. {@link ListWalkBenchmarkTest} runs it small in the
 * suite; {@code main} runs it at any size:
 *
 * <pre>
 * ./mvnw -B -q test -pl graph-emulator -Dtest=ListWalkBenchmarkTest -Demulator.benchmark.users=100000 \
 *     -Demulator.benchmark.groups=2000
 * </pre>
 */
final class ListWalkBenchmark {

    static final String USER_SELECT = "id,userPrincipalName,displayName,givenName,surname,mail,businessPhones,"
            + "mobilePhone,jobTitle,department,officeLocation,accountEnabled,userType";
    static final String GROUP_SELECT = "id,displayName,mail,mailEnabled,securityEnabled,groupTypes";

    /** The figures of one run. */
    record Result(
            int users,
            int groups,
            double generateSeconds,
            int userCount,
            int userPages,
            double userSeconds,
            int groupCount,
            double groupSeconds,
            long memberCount,
            int memberPages,
            double memberSeconds,
            int userDeltaCount,
            int userDeltaPages,
            double userDeltaSeconds,
            int groupDeltaPages,
            double groupDeltaSeconds) {

        double usersPerSecond() {
            return userCount / userSeconds;
        }

        double membersPerSecond() {
            return memberCount / memberSeconds;
        }

        String report() {
            return String.format(
                    "generate %,d users / %,d groups: %.2f s%n"
                            + "users  walk: %,d users in %,d pages, %.2f s, %,.0f users/s%n"
                            + "groups walk: %,d groups, %.3f s, %,.0f groups/s%n"
                            + "members walk ($select=id): %,d members in %,d pages, %.2f s, %,.0f members/s%n"
                            + "users/delta initial round: %,d users in %,d pages, %.2f s, %,.0f users/s%n"
                            + "groups/delta initial round with members: %,d pages, %.2f s",
                    users,
                    groups,
                    generateSeconds,
                    userCount,
                    userPages,
                    userSeconds,
                    usersPerSecond(),
                    groupCount,
                    groupSeconds,
                    groupCount / groupSeconds,
                    memberCount,
                    memberPages,
                    memberSeconds,
                    membersPerSecond(),
                    userDeltaCount,
                    userDeltaPages,
                    userDeltaSeconds,
                    userDeltaCount / userDeltaSeconds,
                    groupDeltaPages,
                    groupDeltaSeconds);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private int pages;

    static Result run(int users, int groups, int rounds) {
        long start = System.nanoTime();
        try (GraphEmulator emulator =
                GraphEmulator.builder().generatedTenant(42, users, groups).start()) {
            double generate = seconds(start);
            return new ListWalkBenchmark().walk(emulator, generate, rounds);
        }
    }

    private Result walk(GraphEmulator emulator, double generate, int rounds) {
        String token = new TestClient(emulator).appToken();
        String base = emulator.graphV1Url();
        Result best = null;
        for (int round = 0; round < rounds; round++) {
            pages = 0;
            long t = System.nanoTime();
            List<Map<String, Object>> users = all(base + "/users?$top=999&$select=" + USER_SELECT, token);
            double userSeconds = seconds(t);
            int userPages = pages;
            t = System.nanoTime();
            List<Map<String, Object>> groups = all(base + "/groups?$top=999&$select=" + GROUP_SELECT, token);
            double groupSeconds = seconds(t);
            pages = 0;
            long members = 0;
            t = System.nanoTime();
            for (Map<String, Object> group : groups) {
                members += all(base + "/groups/" + group.get("id") + "/members?$top=999&$select=id", token)
                        .size();
            }
            double memberSeconds = seconds(t);
            int memberPages = pages;
            pages = 0;
            t = System.nanoTime();
            int userDelta =
                    all(base + "/users/delta?$select=" + USER_SELECT, token).size();
            double userDeltaSeconds = seconds(t);
            int userDeltaPages = pages;
            pages = 0;
            t = System.nanoTime();
            all(base + "/groups/delta?$select=displayName,members", token);
            double groupDeltaSeconds = seconds(t);
            Result result = new Result(
                    emulator.tenant().userCount(),
                    emulator.tenant().groups().size(),
                    generate,
                    users.size(),
                    userPages,
                    userSeconds,
                    groups.size(),
                    groupSeconds,
                    members,
                    memberPages,
                    memberSeconds,
                    userDelta,
                    userDeltaPages,
                    userDeltaSeconds,
                    pages,
                    groupDeltaSeconds);
            if (best == null || result.userSeconds() < best.userSeconds()) {
                best = result;
            }
        }
        return best;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> all(String first, String token) {
        List<Map<String, Object>> items = new ArrayList<>();
        String next = first;
        while (next != null) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(
                        HttpRequest.newBuilder(URI.create(next.replace(" ", "%20")))
                                .header("Authorization", "Bearer " + token)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
            }
            pages++;
            Map<String, Object> body = Json.readObject(response.body());
            items.addAll((List<Map<String, Object>>) body.get("value"));
            next = (String) body.get("@odata.nextLink");
        }
        return items;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public static void main(String[] args) {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int groups = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.println(run(users, groups, rounds).report());
    }
}
