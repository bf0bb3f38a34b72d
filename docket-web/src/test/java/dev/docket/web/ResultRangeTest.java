package dev.docket.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Resumed downloads: single byte ranges of a result, where Micronaut's SystemFile gets them wrong. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultRangeTest {
  private ServerFixture server;
  private String id;
  private byte[] whole;

  @BeforeAll
  void start(@TempDir Path directory) throws Exception {
    Path store = TestStore.write(directory.resolve("store"), 5, 1, 100);
    server = ServerFixture.start(directory, List.of(TestStore.open("store", store)), settings -> settings);
    id = server.submit("after 2024-06-03T09:00:00Z", "alice");
    server.awaitEnd(id);
    whole = Files.readAllBytes(server.jobs.result(id).orElseThrow());
    assertThat(whole.length).isGreaterThan(1000);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private HttpResponse<byte[]> range(String range) throws Exception {
    return server.bytes(server.request("api/v1/jobs/" + id + "/pcap", "alice").header("Range", range).build());
  }

  @Test
  void theFirstByteAloneIsOneByte() throws Exception {
    HttpResponse<byte[]> response = range("bytes=0-0");
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.body()).containsExactly(whole[0]);
    assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 0-0/" + whole.length);
  }

  @Test
  void aSuffixIsTheLastBytes() throws Exception {
    HttpResponse<byte[]> response = range("bytes=-100");
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(whole, whole.length - 100, whole.length));
    assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes " + (whole.length - 100) + "-" + (whole.length - 1) + "/" + whole.length);
  }

  @Test
  void aSuffixLongerThanTheFileIsTheWholeFile() throws Exception {
    HttpResponse<byte[]> response = range("bytes=-" + (whole.length + 50));
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.body()).isEqualTo(whole);
  }

  @Test
  void aResumedDownloadIsTheRestOfTheFile() throws Exception {
    HttpResponse<byte[]> response = range("bytes=1000-");
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(whole, 1000, whole.length));
    assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(whole.length - 1000));
  }

  @Test
  void anEndPastTheFileIsCutAtItsEnd() throws Exception {
    HttpResponse<byte[]> response = range("bytes=10-" + (whole.length * 2));
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(whole, 10, whole.length));
  }

  @Test
  void aStartBeyondTheEndIs416WithTheSize() throws Exception {
    for (String range : List.of("bytes=" + whole.length + "-", "bytes=" + (whole.length + 10) + "-" + (whole.length + 20), "bytes=-0")) {
      HttpResponse<byte[]> response = range(range);
      assertThat(response.statusCode()).as(range).isEqualTo(416);
      assertThat(response.headers().firstValue("Content-Range")).as(range).hasValue("bytes */" + whole.length);
    }
  }

  @Test
  void rangesItDoesNotServeAreIgnoredAndTheWholeFileSent() throws Exception {
    for (String range : List.of("bytes=0-1,5-6", "lines=1-2", "bytes=9-3", "bytes=abc")) {
      HttpResponse<byte[]> response = range(range);
      assertThat(response.statusCode()).as(range).isEqualTo(200);
      assertThat(response.body()).as(range).isEqualTo(whole);
    }
  }

  @Test
  void aDownloadSaysItAcceptsRanges() throws Exception {
    HttpResponse<byte[]> response = server.bytes(server.request("api/v1/jobs/" + id + "/pcap", "alice").build());
    assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(whole.length));
  }
}
