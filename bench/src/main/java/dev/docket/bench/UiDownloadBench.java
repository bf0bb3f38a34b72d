package dev.docket.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 15's measure: the time from loading the query page to a downloaded result, for a one-minute
 * query over a running {@code docket demo}, in headless Chromium driven by Debian's chromedriver, as
 * an analyst would: open the page with the query in its URL, wait for it to be checked, Submit, wait
 * for the job page to say done, click Get PCAP, and wait for the file to be whole on disk. Each run
 * asks another minute (an identical query within a minute would be the same job, answered at once),
 * the minutes 10 to 10 + N ago. The first run (a cold browser cache) is printed apart; the median of
 * the rest is the figure. Run by bench/ui-download.sh.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.docket.bench.UiDownloadBench URL USER PASSWORD [RUNS]</pre>
 */
public final class UiDownloadBench {
  private UiDownloadBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: UiDownloadBench URL USER PASSWORD [RUNS]   (URL as docket demo prints it, without ui/)");
      System.exit(2);
    }
    URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
    String user = args[1];
    String password = args[2];
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 7;
    Path downloads = Files.createTempDirectory("docket-ui-bench");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(Path.of(System.getProperty("docket.chromium", "/usr/bin/chromium")).toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
        "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1366,768");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(System.getProperty("docket.chromedriver", "/usr/bin/chromedriver")).toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    List<Long> millis = new ArrayList<>();
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofMinutes(2), Duration.ofMillis(20));
      Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
      for (int run = 0; run <= runs; run++) {
        Path directory = Files.createDirectories(downloads.resolve("run-" + run));
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", directory.toString()));
        Instant after = now.minus(Duration.ofMinutes(10 + run));
        String query = "after " + after + " and before " + after.plus(Duration.ofMinutes(1));
        String page = base.getScheme() + "://" + user + ":" + password + "@" + base.getRawAuthority() + base.getRawPath()
            + "ui/index.html?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20");
        long start = System.nanoTime();
        driver.get(page);
        wait.until(ExpectedConditions.textToBe(By.id("query-status"), "The query is valid."));
        driver.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("job-state"), "done"));
        WebElement pcap = wait.until(ExpectedConditions.elementToBeClickable(By.id("get-pcap")));
        pcap.click();
        Path file = wait.until(ignored -> downloaded(directory));
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        System.err.printf("run %d: %s: %d ms, %d bytes%n", run, query, elapsed, Files.size(file));
        if (run > 0) {
          millis.add(elapsed);
        }
      }
    } finally {
      driver.quit();
    }
    millis.sort(null);
    long median = millis.size() % 2 == 1 ? millis.get(millis.size() / 2) : (millis.get(millis.size() / 2 - 1) + millis.get(millis.size() / 2)) / 2;
    System.out.printf("page load to downloaded pcap, one-minute query: median %d ms (%d-%d) of %d runs after a first%n",
        median, millis.get(0), millis.get(millis.size() - 1), millis.size());
  }

  /** The downloaded pcap once whole: Chromium writes NAME.crdownload and renames it when done. */
  private static Path downloaded(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.toString().endsWith(".pcap")).findFirst().orElse(null);
    } catch (java.io.IOException unreadable) {
      throw new java.io.UncheckedIOException(unreadable);
    }
  }
}
