package dev.docket.stenographer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.stenographer.StenographerTestBed.TestBed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A result of over 200 MB streams from a real sensor to a file through a JVM with a 128 MB heap. */
@ExtendWith(StenographerTestBed.class)
class StenographerStreamsInBoundedMemoryTest {
  @Test
  void twoHundredMegabytesThroughA128MegabyteHeap(TestBed bed, @TempDir Path directory) throws Exception {
    StenographerSettings sensor = bed.sensor(2);
    Path out = directory.resolve("big.pcap");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(
            List.of(java.toString(), "-Xmx128m", "-cp", System.getProperty("java.class.path"), QueryToFile.class.getName(),
                sensor.host(), Integer.toString(sensor.port()), sensor.cert().toString(), sensor.key().toString(),
                sensor.ca().toString(), "false", "tcp and not port 445", out.toString()))
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    System.err.println("QueryToFile: " + output);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(Files.size(out)).isGreaterThan(200L << 20);
  }
}
