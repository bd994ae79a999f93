package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A job's code download on a real status port: reserved and sent codes (live codes not on a product yet) are listed
 * only to a request that carries the token.
 */
class CodeListingIT extends OnStatusPort {

    private void codesInEveryState() {
        String[] states = {"BOUND", "RESERVED", "SENT", "REJECTED", "VOIDED", "RESERVED"};
        for (int i = 0; i < states.length; i++) {
            port.history.codes.add(new StatusHistory.JobCode("CODE-" + states[i] + "-" + i, "item-" + i, states[i],
                    null, null, 7, i, null));
        }
    }

    private HttpResponse<String> download(String format, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(port.url("/api/jobs/J-1/codes." + format)));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return port.send(b.build());
    }

    @Test
    void withoutTheTokenOnlyAccountedForCodesAreListed() {
        codesInEveryState();
        HttpResponse<String> csv = download("csv", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> rows = List.of(csv.body().split("\r\n"));
        assertThat(rows).hasSize(1 + 3);
        assertThat(rows.subList(1, 4)).extracting(r -> r.substring(0, r.indexOf(',')))
                .containsExactly("CODE-BOUND-0", "CODE-REJECTED-3", "CODE-VOIDED-4");
        String json = download("json", null).body();
        assertThat(json).contains("CODE-BOUND-0").doesNotContain("CODE-RESERVED").doesNotContain("CODE-SENT");
    }

    @Test
    void withTheTokenEveryCodeOfTheJobIsListedAndAWrongTokenIsRefused() {
        codesInEveryState();
        HttpResponse<String> csv = download("csv", "Bearer " + StatusPort.TOKEN);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().split("\r\n")).hasSize(1 + 6);
        assertThat(csv.body()).contains("CODE-RESERVED-1").contains("CODE-SENT-2").contains("CODE-RESERVED-5");

        HttpResponse<String> wrong = download("csv", "Bearer wrong-wrong-wrong-wrong");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("CODE-");
    }

    @Test
    void pagesWithNothingToShowDoNotEndTheDownloadEarly() {
        for (int i = 0; i < JobDownload.PAGE * 2; i++) { // two whole pages of reserved codes, then one bound
            port.history.codes.add(new StatusHistory.JobCode("R" + i, "item", "RESERVED", null, null, 7, i, null));
        }
        port.history.codes.add(new StatusHistory.JobCode("LAST-BOUND", "item", "BOUND", null, null, 7, 99_999, null));
        HttpResponse<String> csv = download("csv", null);
        assertThat(csv.body().split("\r\n")).containsExactly(JobDownload.CSV_HEADER.strip(),
                "LAST-BOUND,item,BOUND,,,7,99999,");
    }
}
