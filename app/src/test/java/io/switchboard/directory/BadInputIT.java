package io.switchboard.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets a 400 problem naming the reason, never a 500, and changes nothing. */
class BadInputIT extends IntegrationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "malformed JSON            | {\"number\": \"1001\",          | body is not valid JSON",
                "not an object             | [1,2,3]                          | ",
                "unknown field             | {\"number\":\"1001\",\"firstName\":\"A\",\"salary\":1} | salary",
                "number with letters       | {\"number\":\"10a1\",\"firstName\":\"A\"} | number",
                "number too long           | {\"number\":\"1234567890123456\",\"firstName\":\"A\"} | number",
                "missing number            | {\"firstName\":\"A\"}             | number",
                "no name                   | {\"number\":\"1001\"}            | firstName",
                "oversized name            | {\"number\":\"1001\",\"firstName\":\"@@LONG@@\"} | at most 100",
                "control character         | {\"number\":\"1001\",\"firstName\":\"A\\u0007B\"} | control characters",
                "line break                | {\"number\":\"1001\",\"firstName\":\"A\\nB\"} | control characters",
                "bad email                 | {\"number\":\"1001\",\"firstName\":\"A\",\"email\":\"not-an-email\"} | email",
                "bad phone                 | {\"number\":\"1001\",\"firstName\":\"A\",\"mobileNumber\":\"call me\"} | mobileNumber",
                "unknown presence          | {\"number\":\"1001\",\"firstName\":\"A\",\"presence\":\"SLEEPING\"} | AVAILABLE",
                "number as object          | {\"number\":{\"a\":1},\"firstName\":\"A\"} | number",
                "read-only field origin    | {\"number\":\"1001\",\"firstName\":\"A\",\"origin\":\"MICROSOFT_365\"} | origin",
            })
    void createRefusesBadInputWith400(String name, String body, String mentioned) {
        Answer answer = api.post("/api/v1/extensions", body.replace("@@LONG@@", "x".repeat(101)));

        assertThat(answer.status()).as(name).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.text("detail")).isNotBlank();
        if (mentioned != null) {
            assertThat(answer.text("detail")).contains(mentioned);
        }
        assertThat(api.get("/api/v1/extensions").body().path("total").asInt()).isZero();
    }

    @Test
    void everyWritingEndpointRefusesBadInputWith400AndTheReason() {
        String phonebook =
                api.post("/api/v1/phonebooks", "{\"name\":\"Suppliers\"}").text("id");
        String extension = api.post("/api/v1/extensions", "{\"number\":\"1001\",\"firstName\":\"A\"}")
                .text("id");
        String[][] endpoints = {
            {"POST", "/api/v1/extension-groups", "name"},
            {"PATCH", "/api/v1/extensions/" + extension, "firstName"},
            {"POST", "/api/v1/phonebooks", "name"},
            {"POST", "/api/v1/phonebooks/" + phonebook + "/contacts", "firstName"},
            {"POST", "/api/v1/extensions/" + extension + "/personal-contacts", "firstName"},
            {"PATCH", "/api/v1/settings", "timeZone"},
            {"PUT", "/api/v1/integration", "clientId"},
            {"PUT", "/api/v1/integration/user-sync", "startNumber"},
            {"PUT", "/api/v1/integration/group-sync", "range"},
            {"PUT", "/api/v1/integration/schedule", "time"},
        };
        String[][] inputs = {
            {"malformed JSON", "{\"@@FIELD@@\": "},
            {"unknown field", "{\"salary\": 1}"},
            {"wrong type", "{\"@@FIELD@@\": {\"a\": 1}}"},
            {"control character", "{\"@@FIELD@@\": \"A\\u0007B\"}"},
            {"oversized string", "{\"@@FIELD@@\": \"" + "x".repeat(5_000) + "\"}"},
        };
        for (String[] endpoint : endpoints) {
            for (String[] input : inputs) {
                String what = endpoint[0] + " " + endpoint[1] + " with " + input[0];
                Answer answer = switch (endpoint[0]) {
                    case "POST" -> api.post(endpoint[1], input[1].replace("@@FIELD@@", endpoint[2]));
                    case "PUT" -> api.put(endpoint[1], input[1].replace("@@FIELD@@", endpoint[2]));
                    default -> api.patch(endpoint[1], input[1].replace("@@FIELD@@", endpoint[2]));
                };
                assertThat(answer.status())
                        .as(what + ": " + answer.raw().body())
                        .isEqualTo(400);
                assertThat(answer.code()).as(what).isEqualTo("VALIDATION_FAILED");
                assertThat(answer.text("detail")).as(what).isNotBlank();
            }
        }
        assertThat(api.get("/api/v1/extension-groups").body().path("total").asInt())
                .isZero();
        assertThat(api.get("/api/v1/phonebooks").body().path("total").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/extensions/" + extension).text("firstName")).isEqualTo("A");
        assertThat(api.get("/api/v1/integration/user-sync")
                        .body()
                        .path("enabled")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void validationFailureListsEveryBadField() {
        Answer answer = api.post("/api/v1/extensions", "{\"number\":\"x\",\"firstName\":\"A\",\"email\":\"nope\"}");

        assertThat(answer.body()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("number", "email");
    }

    @Test
    void patchRefusesUnknownFieldsAndWrongTypes() {
        String id = api.post("/api/v1/extensions", "{\"number\":\"1001\",\"firstName\":\"A\"}")
                .text("id");

        assertThat(api.patch("/api/v1/extensions/" + id, "{\"id\":\"x\"}").status())
                .isEqualTo(400);
        assertThat(api.patch("/api/v1/extensions/" + id, "{\"presence\":5}").status())
                .isEqualTo(400);
        assertThat(api.patch("/api/v1/extensions/" + id, "\"text\"").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/extensions/" + id).text("firstName")).isEqualTo("A");
    }

    @Test
    void badPathIdAndBadPagingAre400() {
        assertThat(api.get("/api/v1/extensions/not-a-uuid").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/extensions?page=-1").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/api/v1/extensions?size=abc").code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void oversizedBodyIsRefusedWith413() {
        String huge = "{\"number\":\"1001\",\"firstName\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        Answer answer = api.post("/api/v1/extensions", huge);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(api.get("/api/v1/extensions").body().path("total").asInt()).isZero();
    }

    @Test
    void wrongMethodAndMediaTypeGetProblems() {
        Answer put = api.put("/api/v1/extensions", "{}");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.code()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void settingsRefuseBadValues() {
        Answer zone = api.patch("/api/v1/settings", "{\"timeZone\":\"Mars/Olympus\"}");
        assertThat(zone.status()).isEqualTo(400);
        assertThat(zone.text("detail")).contains("timeZone");
        assertThat(api.patch("/api/v1/settings", "{\"publicBaseUrl\":\"ftp://x\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.patch("/api/v1/settings", "{\"defaultCountry\":\"XX\"}").status())
                .isEqualTo(400);
        assertThat(api.patch("/api/v1/settings", "{\"extensionCapacity\":0}").status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/settings").text("timeZone")).isEqualTo("UTC");
    }
}
