package dev.docket.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.testing.ExternalTool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Every query's BPF form is accepted by libpcap's own compiler, through {@code tcpdump -d}. */
class BpfSyntaxTcpdumpProperties {
  private static Path tcpdump;
  private static Path emptyCapture;

  @BeforeContainer
  static void findTcpdump() throws IOException {
    tcpdump = ExternalTool.require("tcpdump", "tcpdump");
    // tcpdump compiles against a capture's link type; an empty Ethernet pcap needs no interface or root.
    emptyCapture = Files.createTempFile("docket-empty", ".pcap");
    ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
    Files.write(emptyCapture, header.array());
  }

  @AfterContainer
  static void removeCapture() throws IOException {
    if (emptyCapture != null) {
      Files.deleteIfExists(emptyCapture);
    }
  }

  @Provide
  Arbitrary<Query> queries() {
    return QueryArbitraries.packetQueries();
  }

  // Each try starts a tcpdump process: a few hundred cover every primitive and operator many times.
  @Property(tries = 300)
  void libpcapCompilesEveryPrintedFilter(@ForAll("queries") Query query) throws Exception {
    String bpf = BpfSyntax.print(query);
    // -O: no optimizer, so a contradiction such as 'tcp and udp' compiles instead of being
    // refused as "rejects all packets"; syntax and semantics checks still run.
    Process process =
        new ProcessBuilder(tcpdump.toString(), "-O", "-d", "-r", emptyCapture.toString(), bpf)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as("tcpdump -d '%s' said:%n%s", bpf, output)
        .isZero();
    assertThat(output).contains("ret");
  }
}
